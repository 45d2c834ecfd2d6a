using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Alba;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Shouldly;
using Spbe.Testing;
using Xunit;

namespace Spbe.Intake.Tests;

/// <summary>
/// A stand-in for the office's OpenID Connect provider (a Keycloak realm, say): discovery document and
/// signing keys over HTTP on loopback, RS256 tokens with the realm's own claim names.
/// </summary>
public sealed class FakeIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "realm-key-1" };
    public string Authority { get; }

    public FakeIdentityProvider()
    {
        var port = Spbe.Hosting.LocalPorts.Free();
        Authority = $"http://127.0.0.1:{port}/realms/diskominfotik";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(_key);
        _app.MapGet("/realms/diskominfotik/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["jwks_uri"] = $"{Authority}/protocol/openid-connect/certs",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _app.MapGet("/realms/diskominfotik/protocol/openid-connect/certs", () => Results.Text(
            JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } }), "application/json"));
        _app.StartAsync().GetAwaiter().GetResult();
    }

    /// <summary>A token shaped as a Keycloak realm shapes it: roles nested in realm_access, OPD and NIP from user attributes, typ JWT.</summary>
    public string Token(string sub, string[] roles, string? opdCode = null, string? nip = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["preferred_username"] = sub,
            ["realm_access"] = new Dictionary<string, object> { ["roles"] = roles.Append("offline_access").ToArray() },
            ["resource_access"] = new Dictionary<string, object> { ["account"] = new Dictionary<string, object> { ["roles"] = new[] { "manage-account" } } },
        };
        if (opdCode is not null) claims["opd_code"] = opdCode;
        if (nip is not null) claims["attributes"] = new Dictionary<string, object> { ["nip"] = nip };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = "spbe-api",
            TokenType = "JWT",
            Subject = new ClaimsIdentity([new Claim("sub", sub)]),
            Claims = claims,
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed class OidcIntakeFixture : ServiceFixture<Program>
{
    public FakeIdentityProvider Provider { get; } = new();
    public OidcIntakeFixture() : base("oidc") { }

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Auth:Authority"] = Provider.Authority,
        ["Auth:Audience"] = "spbe-api",
        ["Auth:RequireHttpsMetadata"] = "false",
        ["Auth:TokenTypes:0"] = "JWT",
        ["Auth:RoleClaim"] = "realm_access.roles",
        ["Auth:OpdClaim"] = "opd_code",
        ["Auth:NameClaim"] = "preferred_username",
        ["Auth:NipClaim"] = "attributes.nip",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>Production identity: the same validation code, trusting an OpenID Connect authority and mapping its claim names.</summary>
public sealed class OpenIdConnectTests(OidcIntakeFixture fixture) : IClassFixture<OidcIntakeFixture>
{
    [Fact]
    public async Task tokens_from_the_offices_provider_are_accepted_with_its_claim_names()
    {
        var clerk = fixture.Provider.Token("siti", ["opd"], "dinkes");
        var submitted = await Scenarios.SubmitAsync(fixture.Host, clerk);
        var view = await Scenarios.GetAsync(fixture.Host, submitted.Id, clerk);
        view.Opd.ShouldBe("DINKES"); // from the realm's opd_code claim

        await fixture.Host.Scenario(s => { s.Post.Url($"/requests/{submitted.Id}/register"); s.As(fixture.Provider.Token("budi", ["opd"], "dinkes")); s.StatusCodeShouldBe(403); });
        await fixture.Host.Scenario(s => { s.Get.Url("/requests"); s.As(fixture.Provider.Token("auditor", ["auditor"])); s.StatusCodeShouldBeOk(); });
    }

    [Fact]
    public async Task a_keycloak_shaped_token_gives_the_roles_opd_and_nip_nested_in_it()
    {
        var staf = fixture.Provider.Token("budi", ["staf-it"], nip: TestTokens.SampleNip);
        var clerk = fixture.Provider.Token("siti", ["opd"], "dinkes");
        var submitted = await Scenarios.SubmitAsync(fixture.Host, clerk);
        await Scenarios.AttachAsync(fixture.Host, submitted.Id, "request-memo", Scenarios.Pdf, token: clerk);
        await fixture.Host.Scenario(s => { s.Post.Url($"/requests/{submitted.Id}/register"); s.As(staf); s.StatusCodeShouldBe(200); });

        var history = await fixture.Host.GetAsJson<System.Text.Json.Nodes.JsonArray>($"/requests/{submitted.Id}/history", staf);
        var registered = history.Single(e => e!["type"]!.GetValue<string>() == "registered")!;
        registered["actor"]!["role"]!.GetValue<string>().ShouldBe("staf-it"); // from realm_access.roles
        registered["actor"]!["nip"]!.GetValue<string>().ShouldBe(TestTokens.SampleNip); // from attributes.nip
    }

    [Fact]
    public async Task tokens_of_another_provider_are_not_trusted()
    {
        // Signed by the tests' own provider (src/Identity): a valid token, but not of this authority.
        await fixture.Host.Scenario(s => { s.Get.Url("/requests"); s.As(TestTokens.For(Spbe.Contracts.Roles.Auditor)); s.StatusCodeShouldBe(401); });
    }
}
