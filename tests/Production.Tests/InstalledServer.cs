using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shouldly;
using Spbe.Testing;

namespace Spbe.Production.Tests;

/// <summary>
/// The release installed as an office installs it (README, "Install on a server"): the release archive unpacked,
/// <c>install.sh</c> with a spbe.conf, then what the systemd units start, each by its own <c>ExecStart</c> line. Installed
/// under a prefix (<c>SPBE_PREFIX</c>) so as not to take this machine over; no systemd runs here. The TLS front's
/// certificate is from a CA made here (the office's own CA, <c>SPBE_TLS_CA</c>), which this side trusts alone. People
/// are accounts made with <c>spbe account add</c> and sign in with password and authenticator code.
/// </summary>
public sealed partial class InstalledServer : RunningSystem
{
    public const string Password = "Kata sandi panjang 2026 untuk uji";
    private readonly Dictionary<string, Process> _units = [];
    private readonly Dictionary<string, string> _tokens = [];

    public required string Root { get; init; }
    public required string PortalUrl { get; init; }
    public required string IdentityUrl { get; init; }
    public required string ApiUrl { get; init; }
    public required int FirstPort { get; init; }
    public required X509Certificate2 Ca { get; init; }
    public string State => Path.Combine(Root, "var", "lib", "spbe");
    public string Spbe => Path.Combine(Root, "usr", "local", "sbin", "spbe");

    /// <summary>An HTTP client that trusts the office's CA and nothing else, and follows no redirect by itself.</summary>
    public static HttpClient Client(X509Certificate2 ca, CookieContainer? cookies = null) => new(new HttpClientHandler
    {
        AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true,
        ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate);
        },
    }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The API's address of a service (each under its own path of the API's host), or the provider's.</summary>
    public override string Url(string resource) => resource switch
    {
        "identity" => IdentityUrl,
        "portal" => PortalUrl,
        _ => $"{ApiUrl}/{resource}",
    };

    public override IReadOnlyList<int> ServicePids(string service) => [];

    public override async Task<bool> AllHealthyAsync()
    {
        var (exit, output) = await Tools.CommandAsync(Spbe, ["status"]);
        return exit == 0 && !output.Contains("not healthy");
    }

    protected override string? Failure => _units.Where(u => u.Value.HasExited).Select(u => $"{u.Key} ended ({u.Value.ExitCode})").FirstOrDefault();

    /// <summary>The line a unit runs (its <c>ExecStart</c> or <c>ExecStop</c>), as install.sh installed it.</summary>
    public string[] UnitCommand(string unit, string key = "ExecStart")
    {
        var line = File.ReadLines(Path.Combine(Root, "etc", "systemd", "system", unit)).Single(l => l.StartsWith(key + "=", StringComparison.Ordinal));
        return line[(key.Length + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Starts a unit whose process keeps running (the database, the front), as systemd would.</summary>
    public void StartUnit(string unit)
    {
        var command = UnitCommand(unit);
        var log = new StringBuilder();
        _units[unit] = Tools.Start(Tools.Command(command[0], command[1..]), log);
        Logs[unit] = log;
    }

    public Dictionary<string, StringBuilder> Logs { get; } = [];

    /// <summary>Stops a running unit as systemd does (SIGTERM to its main process), waiting for it to end.</summary>
    public async Task StopUnitAsync(string unit)
    {
        if (!_units.Remove(unit, out var process)) return;
        if (!process.HasExited) Kill(process.Id, "TERM");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cancel.Token);
        process.Dispose();
    }

    /// <summary>Runs a one-shot unit's command (<c>spbe up</c>, <c>spbe down</c>, <c>spbe backup</c>) to its end; it must succeed.</summary>
    public async Task<string> RunUnitAsync(string unit, string key = "ExecStart")
    {
        var command = UnitCommand(unit, key);
        var (exit, output) = await Tools.CommandAsync(command[0], command[1..], TimeSpan.FromMinutes(10));
        exit.ShouldBe(0, $"{string.Join(' ', command)}:\n{output}\n{Diagnostics()}");
        return output;
    }

    public async Task<(int Exit, string Output)> SpbeAsync(params string[] args) => await Tools.CommandAsync(Spbe, args, TimeSpan.FromMinutes(5));

    private static void Kill(int pid, string signal) => Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    /// <summary>A token for the person: their account is made the first time (as the operator makes it), then they sign in.</summary>
    public override async Task<string> TokenAsync(string sub, string name, string role, string? opd = null, string? nip = null)
    {
        if (!_tokens.TryGetValue(sub, out var key))
        {
            string[] add = ["account", "add", sub, "--name", name, "--role", role, "--email", Email(sub),
                .. opd is null ? [] : new[] { "--opd", opd }, .. nip is null ? [] : new[] { "--nip", nip }];
            var (exit, output) = await Tools.CommandAsync("/bin/sh", ["-c", $"echo '{Password}' | {Spbe} {string.Join(' ', add.Select(a => $"'{a}'"))}"]);
            exit.ShouldBe(0, output);
            _tokens[sub] = key = KeyLine().Match(output).Groups[1].Value;
            key.ShouldNotBeEmpty(output);
        }
        return await SignInAsync(sub, key);
    }

    /// <summary>
    /// Authorization code with PKCE at the provider, through the TLS front: the sign-in page with password and code, the
    /// code sent back to the portal's address, exchanged with the portal's client secret (read where install.sh keeps it).
    /// </summary>
    private async Task<string> SignInAsync(string user, string key)
    {
        var redirect = $"{PortalUrl}/signin-oidc";
        using var browser = Client(Ca);
        var (verifier, challenge) = SignInPage.Pkce();
        using var first = await browser.GetAsync($"{IdentityUrl}/connect/authorize?client_id=spbe-portal&response_type=code&scope=openid%20profile%20roles%20spbe" +
            $"&redirect_uri={Uri.EscapeDataString(redirect)}&code_challenge={challenge}&code_challenge_method=S256&state=s&nonce=n");
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect, await first.Content.ReadAsStringAsync());
        var signIn = new Uri(new Uri(IdentityUrl), first.Headers.Location!);
        var page = await browser.GetStringAsync(signIn);
        using var signedIn = await PostSignInAsync(browser, signIn, page, user, key);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        using var back = await browser.GetAsync(new Uri(new Uri(IdentityUrl), signedIn.Headers.Location!));
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect, await back.Content.ReadAsStringAsync());
        back.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe(redirect);
        var code = global::System.Web.HttpUtility.ParseQueryString(back.Headers.Location.Query)["code"]!;
        using var exchange = await browser.PostAsync($"{IdentityUrl}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirect, ["client_id"] = "spbe-portal",
            ["client_secret"] = File.ReadAllText(Path.Combine(State, "secrets", "portal-client-secret")).Trim(), ["code_verifier"] = verifier,
        }));
        var tokens = JsonNode.Parse(await exchange.Content.ReadAsStringAsync())!;
        exchange.StatusCode.ShouldBe(HttpStatusCode.OK, tokens.ToJsonString());
        return tokens["access_token"]!.GetValue<string>();
    }

    /// <summary>The provider's sign-in form, filled in as the person does: user name, password, the authenticator's code now.</summary>
    public static Task<HttpResponseMessage> PostSignInAsync(HttpClient browser, Uri page, string html, string user, string key) =>
        SignInPage.SignInAsync(browser, page, html, user, Password, Totp.Code(key, DateTimeOffset.UtcNow));

    public string AuthenticatorKey(string user) => _tokens[user];

    /// <summary>The mail address of a person's account.</summary>
    public static string Email(string user) => $"{user}@example.go.id";

    /// <summary>Runs a step; if it throws, says what the units and PostgreSQL logged.</summary>
    public async Task<T> Explained<T>(Func<Task<T>> step)
    {
        try { return await step(); }
        catch (Exception e) when (e is not ShouldAssertException) { throw new InvalidOperationException($"{e.Message}\n{Diagnostics()}", e); }
    }

    public override string Diagnostics()
    {
        var text = new StringBuilder();
        foreach (var (unit, log) in Logs)
            lock (log) text.AppendLine($"{unit}: {string.Join('\n', log.ToString().Split('\n').TakeLast(15))}");
        try
        {
            var newest = new DirectoryInfo(Path.Combine(State, "postgresql", "data", "log")).GetFiles().MaxBy(f => f.LastWriteTimeUtc);
            if (newest is not null) text.AppendLine("PostgreSQL: " + string.Join('\n', File.ReadLines(newest.FullName).TakeLast(15)));
        }
        catch (IOException) { }
        return text.ToString();
    }

    public override async ValueTask DisposeAsync()
    {
        if (File.Exists(Spbe)) await Tools.CommandAsync(Spbe, ["down"]);
        foreach (var unit in _units.Keys.ToList()) await StopUnitAsync(unit);
        Http.Dispose();
    }

    [GeneratedRegex("Authenticator key of '[a-z0-9._-]+': ([A-Z2-7]+)")]
    private static partial Regex KeyLine();
}
