using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Spbe.Hosting;

namespace Spbe.Testing;

/// <summary>
/// The tests' identity provider, one per test process: <c>src/Identity</c> itself (OpenIddict, its store
/// on the test PostgreSQL), listening on loopback, so the services under test validate its tokens
/// exactly as they do in production: discovery and keys over HTTP from <see cref="Authority"/>.
/// </summary>
public sealed class TestIdentity
{
    public const string Audience = "spbe", DevelopmentClient = "spbe-tests", RuntimeRole = "spbe_identity";

    private static readonly Lazy<Task<TestIdentity>> Shared = new(() => StartAsync());
    private readonly ConcurrentDictionary<string, string> _tokens = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private TestIdentity(WebApplication app, string authority, string keysDirectory)
    {
        App = app;
        Authority = authority;
        KeysDirectory = keysDirectory;
    }

    public WebApplication App { get; }
    public string Authority { get; }
    public string Issuer => Authority + "/";
    public string KeysDirectory { get; }
    public string ConnectionString { get; private init; } = "";

    public static Task<TestIdentity> Instance => Shared.Value;

    /// <summary>The settings a service needs to trust this provider.</summary>
    public IReadOnlyDictionary<string, string> ServiceSettings() => new Dictionary<string, string>
    {
        ["Auth:Authority"] = Authority,
        ["Auth:Audience"] = Audience,
        ["Auth:RequireHttpsMetadata"] = "false",
    };

    /// <summary>A provider of its own (a rotation test restarts one), on a free port unless told.</summary>
    public static async Task<TestIdentity> StartAsync(string? keysDirectory = null, int? port = null, string? connectionString = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        connectionString ??= await TestPostgres.CreateDatabaseAsync("identity");
        // As production runs it: the migration step as the owner, the provider as its runtime role.
        var owner = connectionString;
        connectionString = await TestPostgres.RoleConnectionAsync(owner, RuntimeRole);
        await Spbe.Identity.Program.MigrateAsync(owner, RuntimeRole);
        var url = $"http://127.0.0.1:{port ?? LocalPorts.Free()}";
        var keys = keysDirectory ?? Directory.CreateTempSubdirectory("spbe-test-identity-keys-").FullName;
        // Development: the development grant the tests take their tokens from is refused anywhere else.
        var app = Spbe.Identity.Program.Build(["--environment", "Development"], builder =>
        {
            builder.WebHost.UseUrls(url);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:spbe"] = connectionString,
                ["Identity:Issuer"] = url,
                ["Identity:Audience"] = Audience,
                ["Identity:KeysDirectory"] = keys,
                ["Identity:AccessTokenLifetime"] = "08:00:00",
                ["Identity:AllowDevelopmentGrant"] = "true",
                [$"Identity:Clients:{DevelopmentClient}:DisplayName"] = "Tests",
                [$"Identity:Clients:{DevelopmentClient}:Grants:0"] = "development",
            });
            if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        });
        await Spbe.Identity.Program.PrepareAsync(app);
        await app.StartAsync();
        return new TestIdentity(app, url, keys) { ConnectionString = owner };
    }

    public async Task StopAsync() => await App.DisposeAsync();

    /// <summary>A token for the person described, from the provider's development grant (cached per person).</summary>
    public async Task<string> TokenAsync(string sub, string name, IEnumerable<string> roles, string? opd = null, string? nip = null, string? email = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("grant_type", Spbe.Identity.IssuingTokens.DevelopmentGrant.Type), new("client_id", DevelopmentClient), new("sub", sub), new("name", name),
        };
        fields.AddRange(roles.Select(r => KeyValuePair.Create("role", r)));
        if (opd is not null) fields.Add(new("opd", opd));
        if (nip is not null) fields.Add(new("nip", nip));
        if (email is not null) fields.Add(new("email", email));
        var key = string.Join('&', fields.Select(f => $"{f.Key}={f.Value}"));
        if (_tokens.TryGetValue(key, out var cached)) return cached;

        using var response = await _http.PostAsync($"{Authority}/connect/token", new FormUrlEncodedContent(fields));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The identity provider refused a token for {key}: {body}");
        return _tokens[key] = JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    /// <summary>The provider's signing certificate in use now, and the key id it publishes it under.</summary>
    public async Task<(X509Certificate2 Certificate, string KeyId)> SigningKeyAsync()
    {
        var token = new JsonWebToken(await TokenAsync("key-probe", "Key probe", ["auditor"]));
        var jwks = JsonNode.Parse(await _http.GetStringAsync($"{Authority}/.well-known/jwks"))!["keys"]!.AsArray();
        var x5t = jwks.First(k => k!["kid"]!.GetValue<string>() == token.Kid)!["x5t"]!.GetValue<string>();
        var certificate = Directory.EnumerateFiles(KeysDirectory, "signing-*.pfx")
            .Select(f => X509CertificateLoader.LoadPkcs12FromFile(f, null, X509KeyStorageFlags.EphemeralKeySet))
            .First(c => Base64UrlEncoder.Encode(c.GetCertHash()) == x5t);
        return (certificate, token.Kid);
    }

    /// <summary>
    /// A token signed with the provider's own key but shaped by the test (expired, not yet valid, another
    /// audience or issuer): what only a forger or a broken clock could present.
    /// </summary>
    public async Task<string> ForgeAsync(IEnumerable<Claim> claims, DateTime? issuedAt = null, DateTime? notBefore = null, DateTime? expires = null,
        string? audience = Audience, string? issuer = null, string type = "at+jwt", SigningCredentials? credentials = null)
    {
        var (certificate, kid) = await SigningKeyAsync();
        var now = issuedAt ?? DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = notBefore ?? now,
            Expires = expires ?? now.AddHours(1),
            TokenType = type,
            SigningCredentials = credentials ?? new SigningCredentials(new X509SecurityKey(certificate, kid), SecurityAlgorithms.RsaSha256),
        });
    }
}
