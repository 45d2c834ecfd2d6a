using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Alba;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Shouldly;
using Spbe.Contracts;
using Spbe.Testing;
using Xunit;

namespace Spbe.Intake.Tests;

/// <summary>
/// The one way a service takes a token: signed by a key its provider publishes, from that issuer, for
/// its audience, within its lifetime, an access token (at+jwt). Every variation a forger or a broken
/// clock could bring is a 401; a token from before a key rotation still works.
/// </summary>
public sealed class TokenValidationTests(IntakeFixture fixture) : IClassFixture<IntakeFixture>
{
    private static readonly Claim[] Auditor = [new("sub", "auditor-x"), new("name", "Auditor"), new("role", Roles.Auditor)];

    private async Task<int> StatusOf(string token)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/requests");
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.IgnoreStatusCode();
        });
        return result.Context.Response.StatusCode;
    }

    private static async Task<TestIdentity> Provider() => await TestIdentity.Instance;

    [Fact]
    public async Task a_token_from_the_provider_is_accepted_and_a_forged_one_signed_by_the_same_key_too() =>
        // The control: the forging helper makes tokens the service accepts, so each 401 below is the one change it names.
        (await StatusOf(await (await Provider()).ForgeAsync(Auditor)), await StatusOf(TestTokens.For(Roles.Auditor))).ShouldBe((200, 200));

    [Fact]
    public async Task an_expired_token_is_401() =>
        (await StatusOf(await (await Provider()).ForgeAsync(Auditor, issuedAt: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddMinutes(-5)))).ShouldBe(401);

    [Fact]
    public async Task a_token_not_yet_valid_is_401() =>
        (await StatusOf(await (await Provider()).ForgeAsync(Auditor, notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddHours(1)))).ShouldBe(401);

    [Fact]
    public async Task a_token_for_another_audience_is_401() =>
        (await StatusOf(await (await Provider()).ForgeAsync(Auditor, audience: "another-system"))).ShouldBe(401);

    [Fact]
    public async Task a_token_of_another_issuer_is_401() =>
        (await StatusOf(await (await Provider()).ForgeAsync(Auditor, issuer: "http://127.0.0.1:1/"))).ShouldBe(401);

    [Fact]
    public async Task an_identity_token_or_plain_jwt_is_not_an_access_token_401() =>
        (await StatusOf(await (await Provider()).ForgeAsync(Auditor, type: "JWT"))).ShouldBe(401);

    [Fact]
    public async Task a_token_of_a_key_the_provider_never_published_is_401() =>
        (await StatusOf(BadTokens.OfAnotherKey(Roles.Auditor))).ShouldBe(401);

    [Fact]
    public async Task an_unsigned_token_alg_none_is_401()
    {
        var valid = new JsonWebToken(TestTokens.For(Roles.Auditor));
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""");
        (await StatusOf($"{header}.{valid.EncodedPayload}.")).ShouldBe(401);
    }

    [Fact]
    public async Task a_token_signed_hs256_with_the_providers_public_key_is_401()
    {
        var provider = await Provider();
        var (certificate, kid) = await provider.SigningKeyAsync();
        // The classic confusion attack: the public key, which anyone can fetch, used as an HMAC secret.
        var secret = new SymmetricSecurityKey(Encoding.ASCII.GetBytes(certificate.GetRSAPublicKey()!.ExportSubjectPublicKeyInfoPem())) { KeyId = kid };
        var token = await provider.ForgeAsync(Auditor, credentials: new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));
        (await StatusOf(token)).ShouldBe(401);
    }

    [Fact]
    public async Task a_token_whose_payload_was_changed_is_401()
    {
        var clerk = new JsonWebToken(TestTokens.For(Roles.Opd, opd: "DINKES", sub: "clerk-changed"));
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(clerk.EncodedPayload)).Replace("\"opd\"", "\"auditor\"");
        payload.ShouldContain("\"auditor\"");
        (await StatusOf($"{clerk.EncodedHeader}.{Base64UrlEncoder.Encode(payload)}.{clerk.EncodedSignature}")).ShouldBe(401);
    }
}

/// <summary>A provider of its own, whose keys the test rotates, and Intake trusting it.</summary>
public sealed class RotatingIdentityFixture : ServiceFixture<Program>, IAsyncLifetime
{
    public RotatingIdentityFixture() : base("rotation") { }

    public string KeysDirectory { get; } = Directory.CreateTempSubdirectory("spbe-rotation-keys-").FullName;
    public int Port { get; } = Spbe.Hosting.LocalPorts.Free();
    public TestIdentity Provider { get; set; } = null!;
    public X509Certificate2 Current { get; private set; } = null!;
    public X509Certificate2 Next { get; private set; } = null!;
    public string FirstKid { get; private set; } = "";

    // Only the ring's own two keys: the next one becomes valid a few seconds after the start.
    public static readonly IReadOnlyDictionary<string, string?> KeySettings = new Dictionary<string, string?> { ["Identity:KeyPublishedAhead"] = "00:00:01" };

    public override async Task InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        Current = Spbe.Identity.KeyRing.Create(KeysDirectory, "signing-", X509KeyUsageFlags.DigitalSignature, now.AddMinutes(-1), TimeSpan.FromHours(1));
        Next = Spbe.Identity.KeyRing.Create(KeysDirectory, "signing-", X509KeyUsageFlags.DigitalSignature, now.AddSeconds(10), TimeSpan.FromHours(2));
        Provider = await TestIdentity.StartAsync(KeysDirectory, Port, settings: KeySettings);
        // OpenIddict picks its signing key at its first use: use it now, while only the current key is valid.
        FirstKid = (await Provider.SigningKeyAsync()).KeyId;
        await base.InitializeAsync();
    }

    protected override IReadOnlyDictionary<string, string> Settings => Provider.ServiceSettings();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.StopAsync();
        Directory.Delete(KeysDirectory, recursive: true);
    }
}

public sealed class KeyRotationTests(RotatingIdentityFixture fixture) : IClassFixture<RotatingIdentityFixture>
{
    private async Task<int> StatusOf(string token) =>
        (await fixture.Host.Scenario(s => { s.Get.Url("/requests"); s.WithRequestHeader("Authorization", $"Bearer {token}"); s.IgnoreStatusCode(); }))
        .Context.Response.StatusCode;

    [Fact]
    public async Task the_next_key_is_published_before_use_and_a_token_from_before_the_rotation_still_works()
    {
        var before = await fixture.Provider.TokenAsync("auditor-r", "Auditor", [Roles.Auditor]);
        var signingKid = new JsonWebToken(before).Kid;
        signingKid.ShouldBe(fixture.FirstKid);
        var published = System.Text.Json.Nodes.JsonNode.Parse(await new HttpClient().GetStringAsync($"{fixture.Provider.Authority}/.well-known/jwks"))!["keys"]!.AsArray();
        published.Count.ShouldBe(2); // the current key, and the next one before it signs anything
        (await StatusOf(before)).ShouldBe(200);

        // The next key's time comes; the provider restarts (as it does on a new deployment) and signs with it.
        while (DateTime.UtcNow < fixture.Next.NotBefore.ToUniversalTime()) await Task.Delay(50);
        await fixture.Provider.StopAsync();
        fixture.Provider = await TestIdentity.StartAsync(fixture.KeysDirectory, fixture.Port, fixture.Provider.ConnectionString, RotatingIdentityFixture.KeySettings);
        var after = await fixture.Provider.TokenAsync("auditor-r2", "Auditor", [Roles.Auditor]);
        new JsonWebToken(after).Kid.ShouldNotBe(signingKid);
        published.Select(k => k!["kid"]!.GetValue<string>()).ShouldContain(new JsonWebToken(after).Kid);

        // The service was not restarted: it knew the new key already, and still knows the old one.
        (await StatusOf(after)).ShouldBe(200);
        (await StatusOf(before)).ShouldBe(200);
    }
}
