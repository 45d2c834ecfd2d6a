using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Npgsql;
using Shouldly;
using Spbe.Testing;
using Xunit;

namespace Spbe.Production.Tests;

/// <summary>
/// An office's server from nothing: the release archive, <c>install.sh</c> with a spbe.conf, the units started; one
/// request through all six steps over the TLS front with tokens of people who signed in with password and code; then
/// the restore drill (back up, work on, lose the database and the provider's keys, restore) and everything is there.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class ServerInstallTests(ReleaseImages images) : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private InstalledServer _server = null!;
    private string _work = "";

    public async Task InitializeAsync()
    {
        _ = images;
        _work = Directory.CreateTempSubdirectory("spbe-server-").FullName;
        // As /var/lib is: the database's own user ('postgres') walks through it.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_work, (UnixFileMode)0b111_101_101);
        var (exit, output) = await Tools.CommandAsync("/bin/bash",
            [Path.Combine(Executables.RepositoryRoot, "deploy", "server", "release.sh"), ReleaseImages.Version, _work], TimeSpan.FromMinutes(10));
        exit.ShouldBe(0, output);
        (exit, output) = await Tools.CommandAsync("tar", ["-C", _work, "-xf", Path.Combine(_work, $"spbe-{ReleaseImages.Version}.tar")]);
        exit.ShouldBe(0, output);

        var (ca, certificate, key) = Certificates();
        var tls = Directory.CreateDirectory(Path.Combine(_work, "tls")).FullName;
        await File.WriteAllTextAsync(Path.Combine(tls, "ca.pem"), ca.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(tls, "cert.pem"), certificate);
        await File.WriteAllTextAsync(Path.Combine(tls, "key.pem"), key);
        int portal = Spbe.Hosting.LocalPorts.Free(), identity = Spbe.Hosting.LocalPorts.Free(), api = Spbe.Hosting.LocalPorts.Free();
        var first = Spbe.Hosting.LocalPorts.FreeRange(6);
        var database = Spbe.Hosting.LocalPorts.Free();
        var config = Path.Combine(_work, "spbe.conf");
        await File.WriteAllTextAsync(config, $"""
            # As an office fills spbe.conf.example in; the ports are free ones of this machine.
            SPBE_PORTAL_URL=https://127.0.0.1:{portal}
            SPBE_IDENTITY_URL=https://127.0.0.1:{identity}
            SPBE_API_URL=https://127.0.0.1:{api}
            SPBE_TLS={tls}/cert.pem {tls}/key.pem
            SPBE_TLS_CA={tls}/ca.pem
            SPBE_SMTP_HOST=127.0.0.1
            SPBE_SMTP_PORT={_smtp.Port}
            SPBE_SMTP_SECURITY=none
            SPBE_SMTP_FROM=SPBE Diskominfotik <spbe@example.go.id>
            SPBE_HTTP_PORT={Spbe.Hosting.LocalPorts.Free()}
            SPBE_DB_PORT={database}
            SPBE_FIRST_PORT={first}
            SPBE_ARCHIVE_TIMEOUT=5
            """);
        var root = Path.Combine(_work, "root");
        _server = new InstalledServer
        {
            Root = root, PortalUrl = $"https://127.0.0.1:{portal}", IdentityUrl = $"https://127.0.0.1:{identity}", ApiUrl = $"https://127.0.0.1:{api}",
            FirstPort = first, Ca = ca, DataDirectory = Path.Combine(root, "var", "lib", "spbe", "secrets"), PostgresPort = database, Http = InstalledServer.Client(ca),
        };

        // The README's first command (the second is `systemctl start spbe`: below, each unit's own command).
        (exit, output) = await Tools.CommandAsync("/usr/bin/env",
            [$"SPBE_PREFIX={root}", Path.Combine(_work, $"spbe-{ReleaseImages.Version}", "install.sh"), config], TimeSpan.FromMinutes(10));
        exit.ShouldBe(0, output);
        await StartAsync();
    }

    /// <summary>What <c>systemctl start spbe</c> starts: the database, the front (both keep running), then spbe.service's <c>spbe up</c>.</summary>
    private async Task StartAsync()
    {
        _server.StartUnit("spbe-postgresql.service");
        _server.StartUnit("spbe-caddy.service");
        await _server.RunUnitAsync("spbe.service");
    }

    private async Task StopAsync()
    {
        await _server.RunUnitAsync("spbe.service", "ExecStop");
        await _server.StopUnitAsync("spbe-postgresql.service");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _smtp.DisposeAsync();
        // Nothing of the server is left running on this machine: no pod, no container, no secret of its.
        var (_, pods) = await Tools.PodmanAsync("pod", "ps", "--format", "{{.Name}}");
        foreach (var secret in new[] { "identity", "intake", "assignment", "delivery", "reporting" }.Select(p => $"spbe-db-{p}").Append("spbe-portal-client").Append("spbe-smtp"))
            await Tools.PodmanAsync("secret", "rm", secret);
        Directory.Delete(_work, recursive: true);
        pods.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldNotContain(p => p.EndsWith("-pod-0", StringComparison.Ordinal), pods);
    }

    [Fact]
    public async Task an_office_installs_the_release_works_a_request_through_all_six_steps_over_tls_and_restores_it_after_losing_the_database()
    {
        // Nothing of development answers: the provider has no development grant, the portal sends people to the provider.
        using (var dev = await _server.Http.PostAsync($"{_server.IdentityUrl}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["grant_type"] = Spbe.Identity.IssuingTokens.DevelopmentGrant.Type, ["client_id"] = "spbe-dev", ["sub"] = "x", ["role"] = "kasi-aplikasi",
               })))
            dev.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await dev.Content.ReadAsStringAsync());
        await PortalSignInAsync();

        var driver = new SystemDriver(_server);
        await driver.LoginAsync();
        // Each person has opened the portal's notices once, as the portal does at sign-in: Reporting knows their address.
        foreach (var token in new[] { driver.Opd, driver.Staf, driver.Kasi, driver.Programmer, driver.Security, driver.Auditor })
            (await _server.GetAsync($"{driver.Reporting}/notifications", token)).ShouldNotBeNull(_server.LastFailedRead);
        var id = await driver.WorkOrderAsync("handover");
        await driver.ExpectAsync($"{driver.Delivery}/work-orders/{id}/handover", driver.Kasi, SystemDriver.Handover, HttpStatusCode.OK);
        await driver.Eventually(async () => (string?)(await _server.GetAsync($"{driver.Intake}/requests/{id}", driver.Opd))?["status"] == "completed", "the request completed");
        var documents = (await _server.GetAsync($"{driver.Delivery}/work-orders/{id}/documents", driver.Auditor))!.AsArray();
        documents.Select(d => (string?)d!["kind"]).ShouldContain("berita-acara-serah-terima", documents.ToJsonString());
        var handover = documents.Single(d => (string?)d!["kind"] == "berita-acara-serah-terima")!;
        var pdf = await PdfAsync($"{driver.Delivery}/work-orders/{id}/documents/berita-acara-serah-terima", driver.Auditor);
        Convert.ToHexString(SHA256.HashData(pdf)).ToLowerInvariant().ShouldBe((string)handover["sha256"]!);
        // The letter's QR code opens the portal's public page, through the front, without signing in.
        using (var verify = await _server.Http.GetAsync($"{_server.PortalUrl}/verifikasi/{handover["verificationCode"]}"))
        {
            verify.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await verify.Content.ReadAsStringAsync()).ShouldContain((string)handover["number"]!);
        }
        await driver.Eventually(async () => (bool?)(await _server.GetAsync($"{driver.Reporting}/audit/verify", driver.Auditor))?["ok"] == true
            && (await _server.GetAsync($"{driver.Reporting}/timelines/{id}", driver.Auditor)) is not null, "Reporting's trail of the request");
        // The notices of the steps went out through the office's SMTP server, to the accounts' addresses.
        await _smtp.WaitForAsync(mails => mails.Any(m => m.To.Any(to => to.EndsWith("@example.go.id", StringComparison.Ordinal))), TimeSpan.FromMinutes(2));

        // The nightly backup, then more work: a second request, archived with the WAL (every SPBE_ARCHIVE_TIMEOUT).
        await _server.RunUnitAsync("spbe-backup.service");
        var second = await driver.SubmittedAsync();
        await driver.Eventually(async () => (await _server.GetAsync($"{driver.Reporting}/timelines/{second}", driver.Auditor)) is not null, "the second request's trail");
        var before = await EventCountsAsync();
        await WaitForArchiveAsync();

        // The disk is lost: the database, the provider's keys, the secrets. The operator restores and starts again.
        await StopAsync();
        NpgsqlConnection.ClearAllPools(); // this test's own connections ended with the server
        Directory.Delete(Path.Combine(_server.State, "postgresql", "data"), recursive: true);
        foreach (var kept in new[] { "identity-keys", "secrets" })
            foreach (var file in Directory.GetFileSystemEntries(Path.Combine(_server.State, kept)))
                if (File.Exists(file)) File.Delete(file); else Directory.Delete(file, recursive: true);
        var (exit, output) = await _server.SpbeAsync("restore");
        exit.ShouldBe(0, output);
        _server.StartUnit("spbe-postgresql.service");
        await _server.RunUnitAsync("spbe.service");

        (await _server.Explained(EventCountsAsync)).ShouldBe(before);
        // The tokens signed before the loss still verify: the provider's keys came back with the backup.
        ((string?)(await _server.GetAsync($"{driver.Intake}/requests/{id}", driver.Opd))?["status"]).ShouldBe("completed", _server.LastFailedRead);
        (await _server.GetAsync($"{driver.Intake}/requests/{second}", driver.Opd)).ShouldNotBeNull(_server.LastFailedRead);
        (await PdfAsync($"{driver.Delivery}/work-orders/{id}/documents/berita-acara-serah-terima", driver.Auditor)).ShouldBe(pdf);
        var verified = (await _server.GetAsync($"{driver.Reporting}/audit/verify", driver.Auditor))!;
        ((bool)verified["ok"]!).ShouldBeTrue(verified.ToJsonString());
        // And work goes on.
        await driver.SubmittedAsync();
    }

    /// <summary>A person opens the portal over TLS, is sent to the provider, signs in there and is back in the portal, signed in.</summary>
    private async Task PortalSignInAsync()
    {
        await _server.TokenAsync("kasi-portal", "Ir. Dewi Lestari, M.T.", "kasi-aplikasi", nip: "197905172003122001");
        var cookies = new CookieContainer();
        using var browser = InstalledServer.Client(_server.Ca, cookies);
        var at = new Uri($"{_server.PortalUrl}/");
        var response = await browser.GetAsync(at);
        for (var hops = 0; hops < 12 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            at = new Uri(at, response.Headers.Location!);
            response.Dispose();
            response = await browser.GetAsync(at);
            if (at.AbsolutePath == "/masuk")
            {
                var page = await response.Content.ReadAsStringAsync();
                response.Dispose();
                response = await InstalledServer.PostSignInAsync(browser, at, page, "kasi-portal", _server.AuthenticatorKey("kasi-portal"));
            }
            else if (await response.Content.ReadAsStringAsync() is var html && html.Contains("name=\"code\"") && html.Contains("signin-oidc"))
            {
                // The provider answers with a form the browser posts to the portal (response_mode=form_post).
                response.Dispose();
                at = new Uri($"{_server.PortalUrl}/signin-oidc");
                response = await SignInPage.PostAsync(browser, at, html, new Dictionary<string, string>());
            }
        }
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{at}: {body}");
        at.GetLeftPart(UriPartial.Authority).ShouldBe(_server.PortalUrl);
        body.ShouldContain("Ir. Dewi Lestari, M.T.");
        response.Dispose();
    }

    private async Task<byte[]> PdfAsync(string url, string token)
    {
        using var response = await _server.SendAsync(HttpMethod.Get, url, token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The events of every service's streams, per schema, Reporting's audit log and documents: what a restore must bring back, no more, no less.</summary>
    private async Task<Dictionary<string, long>> EventCountsAsync()
    {
        await using var connection = new NpgsqlConnection(_server.DatabaseConnectionString);
        await connection.OpenAsync();
        var schemas = new List<string>();
        await using (var list = new NpgsqlCommand("select table_schema from information_schema.tables where table_name = 'mt_events' order by 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) schemas.Add(reader.GetString(0));
        var counts = new Dictionary<string, long>();
        foreach (var table in schemas.Select(s => $"\"{s}\".mt_events").Append(Spbe.Reporting.ReportingSchema.AuditLog).Append(Spbe.Reporting.ReportingSchema.Documents))
            counts[table] = (long)(await new NpgsqlCommand($"select count(*) from {table}", connection).ExecuteScalarAsync())!;
        counts.Count.ShouldBe(5, string.Join(", ", counts.Keys));
        return counts;
    }

    /// <summary>Waits until the WAL written so far is in the backup repository (the archiver's own report), as a restore recovers to it.</summary>
    private async Task WaitForArchiveAsync()
    {
        await using var connection = new NpgsqlConnection(_server.DatabaseConnectionString);
        await connection.OpenAsync();
        var current = (string)(await new NpgsqlCommand("select pg_walfile_name(pg_current_wal_lsn())", connection).ExecuteScalarAsync())!;
        await _server.WaitUntilAsync(async () =>
            (await new NpgsqlCommand("select last_archived_wal from pg_stat_archiver", connection).ExecuteScalarAsync()) is string archived
            && string.CompareOrdinal(archived, current) >= 0, TimeSpan.FromMinutes(2), $"the WAL file {current} archived");
    }

    /// <summary>The office's CA and the front's certificate from it, for the address 127.0.0.1 (PEM: certificate, key).</summary>
    private static (X509Certificate2 Ca, string Certificate, string Key) Certificates()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=CA Diskominfotik (uji)", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leaf = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(8));
        return (X509CertificateLoader.LoadCertificate(ca.Export(X509ContentType.Cert)), leaf.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
