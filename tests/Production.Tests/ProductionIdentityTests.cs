using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Shouldly;
using Spbe.Testing;
using Xunit;

namespace Spbe.Production.Tests;

/// <summary>
/// The identity provider as an office runs it: Production, over TLS, its accounts made with the operator's command. A
/// person signs in with a password and the authenticator code; the development grant, plain HTTP and the pick-a-person
/// page are gone; five wrong attempts lock the account for a while.
/// </summary>
public sealed partial class ProductionIdentityTests : IAsyncLifetime
{
    private const string Portal = "spbe-portal", Redirect = "https://portal.example.go.id/signin-oidc";
    private readonly string _portalSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    private WebApplication _app = null!;
    private X509Certificate2 _tls = null!;
    private string _https = "", _http = "", _connectionString = "", _owner = "";

    public async Task InitializeAsync()
    {
        // As an office runs it: the migration step as the owner, the provider as its runtime role (with a password).
        _owner = await TestPostgres.CreateDatabaseAsync("identityprod");
        _connectionString = await TestPostgres.RoleConnectionAsync(_owner, "spbe_identity");
        await Spbe.Identity.Program.MigrateAsync(_owner, "spbe_identity");
        _https = $"https://127.0.0.1:{Spbe.Hosting.LocalPorts.Free()}";
        _http = $"http://127.0.0.1:{Spbe.Hosting.LocalPorts.Free()}";
        _tls = SelfSigned();
        var certificate = Path.Combine(Directory.CreateTempSubdirectory("spbe-prod-identity-").FullName, "tls.pfx");
        await File.WriteAllBytesAsync(certificate, _tls.Export(X509ContentType.Pfx, "tls"));
        var keys = Directory.CreateTempSubdirectory("spbe-prod-identity-keys-").FullName;
        _app = Spbe.Identity.Program.Build(["--environment", "Production"], builder =>
        {
            builder.WebHost.UseUrls(_https, _http);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:spbe"] = _connectionString,
                ["Kestrel:Certificates:Default:Path"] = certificate,
                ["Kestrel:Certificates:Default:Password"] = "tls",
                ["Identity:Issuer"] = _https,
                ["Identity:KeysDirectory"] = keys,
                [$"Identity:Clients:{Portal}:DisplayName"] = "Portal SPBE",
                [$"Identity:Clients:{Portal}:Secret"] = _portalSecret,
                [$"Identity:Clients:{Portal}:Grants:0"] = "authorization_code",
                [$"Identity:Clients:{Portal}:RedirectUris:0"] = Redirect,
            });
        });
        await Spbe.Identity.Program.PrepareAsync(_app);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_owner);
    }

    [Fact]
    public async Task a_person_signs_in_with_password_and_authenticator_code_and_nothing_of_development_is_left()
    {
        // The operator makes Dewi's account with the provider's own executable; the password goes on standard input.
        var (exit, output, error) = await AccountAsync("Kata sandi panjang Dewi 2026",
            "add", "dewi", "--name", "Ir. Dewi Lestari, M.T.", "--role", "kasi-aplikasi", "--nip", "197905172003122001");
        exit.ShouldBe(0, error);
        var key = KeyLine().Match(output).Groups[1].Value;
        key.ShouldNotBeEmpty(output);
        output.ShouldContain("otpauth://totp/SPBE%3Adewi?secret=");
        (exit, _, error) = await AccountAsync("pendek", "add", "budi", "--name", "Budi", "--role", "staf-it");
        exit.ShouldNotBe(0);
        error.ShouldContain("at least 12 characters");
        // A refused new password leaves the old one (Dewi signs in with it below).
        (exit, _, error) = await AccountAsync("pendek", "password", "dewi");
        exit.ShouldNotBe(0);
        error.ShouldContain("at least 12 characters");

        using var browser = Browser(out var cookies);
        // No development grant, and nothing over plain HTTP.
        using (var dev = await browser.PostAsync($"{_https}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["grant_type"] = Spbe.Identity.IssuingTokens.DevelopmentGrant.Type, ["client_id"] = Portal, ["client_secret"] = _portalSecret,
                   ["sub"] = "x", ["name"] = "x", ["role"] = "kasi-aplikasi",
               })))
        {
            var body = await dev.Content.ReadAsStringAsync();
            dev.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
            JsonNode.Parse(body)!["error"]!.GetValue<string>().ShouldBe("unsupported_grant_type");
        }
        using (var plain = await browser.GetAsync($"{_http}/.well-known/openid-configuration"))
        {
            plain.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await plain.Content.ReadAsStringAsync()).ShouldContain("HTTPS");
        }

        // The sign-in page asks for a password and a code; it offers no one to pick.
        var (verifier, challenge) = SignInPage.Pkce();
        var authorize = $"{_https}/connect/authorize?client_id={Portal}&response_type=code&scope=openid%20profile%20roles%20spbe" +
                        $"&redirect_uri={Uri.EscapeDataString(Redirect)}&code_challenge={challenge}&code_challenge_method=S256&state=s-1&nonce=n-1";
        using var first = await browser.GetAsync(authorize);
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var signInPage = first.Headers.Location!.IsAbsoluteUri ? first.Headers.Location.ToString() : _https + first.Headers.Location;
        signInPage.ShouldStartWith($"{_https}/masuk");
        using var pageResponse = await browser.GetAsync(signInPage);
        pageResponse.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        pageResponse.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        var page = await pageResponse.Content.ReadAsStringAsync();
        page.ShouldContain("Kata sandi");
        page.ShouldContain("Kode autentikator");
        page.ShouldNotContain("Siti");
        page.ShouldNotContain("pilih orang");

        // A wrong code: the same answer as a wrong password, and no session.
        using (var wrong = await PostSignInAsync(browser, page, "dewi", "Kata sandi panjang Dewi 2026", WrongCode(key)))
        {
            wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await wrong.Content.ReadAsStringAsync()).ShouldContain("Nama pengguna, kata sandi, atau kode autentikator salah.");
        }
        cookies.GetCookies(new Uri(_https)).Any(c => c.Name == "spbe.identity").ShouldBeFalse();

        // Right: back to the authorization, a code for the portal, and Dewi's token from the exchange.
        page = await browser.GetStringAsync(signInPage);
        using var signedIn = await PostSignInAsync(browser, page, "dewi", "Kata sandi panjang Dewi 2026", Totp.Code(key, DateTimeOffset.UtcNow));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        cookies.GetCookies(new Uri(_https)).Single(c => c.Name == "spbe.identity").Secure.ShouldBeTrue();
        using var back = await browser.GetAsync(_https + signedIn.Headers.Location);
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        back.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe(Redirect);
        var code = global::System.Web.HttpUtility.ParseQueryString(back.Headers.Location.Query)["code"]!;
        using var exchange = await browser.PostAsync($"{_https}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Redirect, ["client_id"] = Portal,
            ["client_secret"] = _portalSecret, ["code_verifier"] = verifier,
        }));
        var tokens = JsonNode.Parse(await exchange.Content.ReadAsStringAsync())!;
        exchange.StatusCode.ShouldBe(HttpStatusCode.OK, tokens.ToJsonString());
        var access = new JsonWebToken(tokens["access_token"]!.GetValue<string>());
        access.Issuer.ShouldBe(_https + "/");
        access.GetClaim("sub").Value.ShouldBe("dewi");
        access.GetClaim("role").Value.ShouldBe("kasi-aplikasi");
        access.GetPayloadValue<string>("nip").ShouldBe("197905172003122001");
    }

    [Fact]
    public async Task five_wrong_attempts_lock_the_account_and_the_right_password_then_waits()
    {
        var (exit, output, error) = await AccountAsync("Kata sandi panjang Rina 2026",
            "add", "rina", "--name", "Rina Wulandari", "--role", "app-security", "--nip", "199001012015032002");
        exit.ShouldBe(0, error);
        var key = KeyLine().Match(output).Groups[1].Value;
        using var browser = Browser(out _);
        for (var i = 0; i < 5; i++)
        {
            var attempt = await browser.GetStringAsync($"{_https}/masuk");
            using var wrong = await PostSignInAsync(browser, attempt, "rina", "bukan kata sandinya", Totp.Code(key, DateTimeOffset.UtcNow));
            wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
        var page = await browser.GetStringAsync($"{_https}/masuk");
        using var locked = await PostSignInAsync(browser, page, "rina", "Kata sandi panjang Rina 2026", Totp.Code(key, DateTimeOffset.UtcNow));
        locked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await locked.Content.ReadAsStringAsync()).ShouldContain("dikunci sementara");
    }

    /// <summary>The operator's account command, the provider's own executable against this provider's database.</summary>
    private Task<(int ExitCode, string Output, string Error)> AccountAsync(string standardInput, params string[] args) =>
        Executables.RunAsync("Identity", new Dictionary<string, string> { ["ConnectionStrings__spbe"] = _connectionString, ["DOTNET_ENVIRONMENT"] = "Production" },
            ["account", .. args], standardInput);

    private HttpClient Browser(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        var thumbprint = _tls.Thumbprint;
        return new HttpClient(new HttpClientHandler
        {
            CookieContainer = cookies, AllowAutoRedirect = false,
            // Trust exactly the provider's certificate, as a client that was given it would.
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => certificate?.Thumbprint == thumbprint
                && (errors & ~(SslPolicyErrors.RemoteCertificateChainErrors)) == SslPolicyErrors.None,
        });
    }

    private Task<HttpResponseMessage> PostSignInAsync(HttpClient browser, string page, string username, string password, string code) =>
        SignInPage.SignInAsync(browser, new Uri(_https), page, username, password, code);

    // A code that is none of the window the provider accepts (the previous, current and next 30 s).
    private static string WrongCode(string key)
    {
        var now = DateTimeOffset.UtcNow;
        var valid = new[] { -60, -30, 0, 30, 60 }.Select(s => Totp.Code(key, now.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => $"{i}{i}{i}{i}{i}{i}").First(c => !valid.Contains(c));
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    [GeneratedRegex("Authenticator key of '[a-z]+': ([A-Z2-7]+)")]
    private static partial Regex KeyLine();
}
