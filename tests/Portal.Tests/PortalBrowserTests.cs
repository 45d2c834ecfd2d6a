using System.Security.Cryptography;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Shouldly;
using Spbe.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Spbe.Portal.Tests;

[CollectionDefinition("apphost", DisableParallelization = true)]
public sealed class AppHostCollection;

/// <summary>
/// Six people of the SOP carry one request through all six steps in a real browser (Debian's chromium),
/// against the system the AppHost runs: a return for completion, a failed internal check and its
/// rework, the OPD's acceptance, the handover, and the auditor's reading. Each screen is saved as a
/// screenshot and checked with axe.
/// </summary>
[Collection("apphost")]
public sealed class PortalBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private AppHostProcess _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private readonly List<string> _accessibility = [];
    private readonly Dictionary<string, IPage> _pages = [];
    private int _screen;

    // The demo people of src/Identity/appsettings.Development.json.
    private const string AndiNip = "199203142019031004", RinaNip = "199001012015032002", SitiNip = "199105082014022003";

    public async Task InitializeAsync()
    {
        // Access tokens of 70 s: the flow outlasts the first ones, so the portal must refresh them (a minute before they expire).
        _host = await AppHostProcess.StartAsync(extraArguments: $"--Services:identity:Identity:AccessTokenLifetime={TokenLifetime:c}");
        output.WriteLine($"AppHost: every resource healthy after {_host.TimeToHealthy.TotalSeconds:0.0} s; portal {Portal}");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.Path, Args = Chromium.Arguments });
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        // Whatever each person's page shows at the end (after a failure: where it stopped).
        foreach (var (person, page) in _pages)
            try { await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"end-{person}.png"), FullPage = true }); }
            catch (PlaywrightException) { }
        await _browser.DisposeAsync();
        _playwright.Dispose();
        output.WriteLine($"Warnings and errors the processes logged:\n{await _host.LoggedProblemsAsync()}");
        await _host.DisposeAsync();
    }

    private string Portal => _host.Url("portal");
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(70);

    [Fact]
    public async Task six_people_carry_a_request_through_the_sop_in_the_browser()
    {
        var signedIn = DateTime.UtcNow;
        var siti = await SignInAsync("siti");       // OPD clerk, DINKES
        var rudi = await SignInAsync("rudi");       // OPD clerk, DISDIK
        var budi = await SignInAsync("budi");       // Staf IT
        var dewi = await SignInAsync("dewi");       // Kasi Aplikasi
        var andi = await SignInAsync("andi");       // programmer
        var rina = await SignInAsync("rina");       // Application Security
        var hendra = await SignInAsync("hendra");   // auditor, Inspektorat
        await ScreenAsync(siti, "beranda-opd");

        // Step 1. An empty title: the service's reason appears beside the field, and nothing is submitted.
        await siti.GotoAsync($"{Portal}/permohonan/baru");
        await FillRequestAsync(siti, title: "");
        await siti.GetByRole(AriaRole.Button, new() { Name = "Kirim permohonan" }).ClickAsync();
        await Assertions.Expect(siti.Locator("#galat-title")).ToBeVisibleAsync();
        await Assertions.Expect(siti.Locator("#title")).ToHaveAttributeAsync("aria-invalid", "true");
        await ScreenAsync(siti, "ajukan-galat");

        var title = $"Modul cuti pegawai {Guid.NewGuid().ToString()[..6]}";
        await FillRequestAsync(siti, title);
        await siti.Locator("#memo").SetInputFilesAsync(new FilePayload { Name = "nota-dinas.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7\n%%EOF\n"u8.ToArray() });
        await siti.GetByRole(AriaRole.Button, new() { Name = "Kirim permohonan" }).ClickAsync();
        await Assertions.Expect(siti.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Assertions.Expect(siti.GetByText("Permohonan terkirim. Kode pelacakan:")).ToBeVisibleAsync();
        await Assertions.Expect(siti.GetByRole(AriaRole.Link, new() { Name = "nota-dinas.pdf" })).ToBeVisibleAsync();
        var detail = siti.Url.Split('?')[0];
        var id = detail.Split('/')[^1];
        await ScreenAsync(siti, "permohonan-diajukan");

        // Another agency's clerk neither lists it nor opens it.
        await rudi.GotoAsync($"{Portal}/permohonan");
        await Assertions.Expect(rudi.GetByText(title)).ToHaveCountAsync(0);
        await rudi.GotoAsync(detail);
        await Assertions.Expect(rudi.GetByRole(AriaRole.Heading, new() { Name = "Tidak ditemukan." })).ToBeVisibleAsync();

        // Staf IT finds it in the queue and returns it: the KAK is missing.
        await budi.GotoAsync($"{Portal}/permohonan?status=submitted");
        await ScreenAsync(budi, "antrean-registrasi");
        await budi.GetByRole(AriaRole.Row).Filter(new() { HasText = title }).GetByRole(AriaRole.Link).ClickAsync();
        await budi.Locator("#missing").FillAsync("KAK (kerangka acuan kerja)");
        await budi.GetByRole(AriaRole.Button, new() { Name = "Kembalikan untuk dilengkapi" }).ClickAsync();
        await Assertions.Expect(budi.Locator(".badge")).ToHaveTextAsync("Dikembalikan untuk dilengkapi");

        // The clerk sees what is missing, completes it and submits again.
        await siti.GotoAsync(detail);
        await Assertions.Expect(siti.GetByText("KAK (kerangka acuan kerja)")).ToBeVisibleAsync();
        await ScreenAsync(siti, "permohonan-dikembalikan");
        await siti.Locator("#description").FillAsync("Modul pengajuan dan persetujuan cuti; KAK terlampir.");
        await siti.GetByRole(AriaRole.Button, new() { Name = "Simpan dan ajukan kembali" }).ClickAsync();
        await Assertions.Expect(siti.Locator(".badge")).ToHaveTextAsync("Diajukan");

        // Staf IT registers it: the register number appears.
        await budi.GotoAsync(detail);
        await budi.GetByRole(AriaRole.Button, new() { Name = "Lengkap: registrasi" }).ClickAsync();
        await Assertions.Expect(budi.Locator(".badge")).ToHaveTextAsync("Teregistrasi");
        var number = (await budi.Locator("dl.facts dd").First.InnerTextAsync()).Trim();
        number.ShouldMatch(@"^SPBE/\d{4}/\d{5}$");

        // Step 2. The Kasi: the analysis (the case arrives through the queue), then the team and its schedule.
        await dewi.GotoAsync($"{Portal}/analisis");
        await ReloadUntilAsync(dewi, $"{Portal}/analisis", dewi.GetByRole(AriaRole.Link, new() { Name = number }));
        await ScreenAsync(dewi, "analisis-daftar");
        await dewi.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await dewi.Locator("#summary").FillAsync("Tambah modul cuti pada SIMPEG");
        await dewi.Locator("#scope").FillAsync("Pengajuan, persetujuan atasan, rekap sisa cuti");
        await dewi.Locator("#approach").FillAsync("Modul baru di SIMPEG, basis data yang ada");
        await dewi.Locator("#effort").FillAsync("5");
        await dewi.GetByRole(AriaRole.Button, new() { Name = "Simpan hasil analisis" }).ClickAsync();
        await Assertions.Expect(dewi.GetByText("Hasil analisis tersimpan.")).ToBeVisibleAsync();

        await dewi.Locator("input[name='Team.Members[0].Nip']").FillAsync(AndiNip);
        await dewi.Locator("input[name='Team.Members[0].Name']").FillAsync("Andi Pratama");
        await dewi.Locator("select[name='Team.Members[0].Role']").SelectOptionAsync("programmer");
        await dewi.Locator("input[name='Team.Members[1].Nip']").FillAsync(RinaNip);
        await dewi.Locator("input[name='Team.Members[1].Name']").FillAsync("Rina Wulandari");
        await dewi.Locator("select[name='Team.Members[1].Role']").SelectOptionAsync("app-security");
        await dewi.Locator("#lead").FillAsync(AndiNip);
        // The picker offers working days only; holidays are listed but cannot be chosen.
        var days = await dewi.Locator("#executionStart option:not([disabled])").EvaluateAllAsync<string[]>("os => os.map(o => o.value).filter(v => v)");
        string[] fields = ["executionStart", "executionDue", "internalCheckDue", "ownerCheckDue", "handoverDue"];
        for (var i = 0; i < fields.Length; i++) await dewi.Locator($"#{fields[i]}").SelectOptionAsync(days[i]);
        await ScreenAsync(dewi, "surat-tugas");
        await dewi.GetByRole(AriaRole.Button, new() { Name = "Terbitkan Surat Tugas" }).ClickAsync();
        await Assertions.Expect(dewi.Locator("h2#st")).ToContainTextAsync("Surat Tugas");

        // Step 3. The programmer starts and reports (the work order arrives through the queue).
        var work = $"{Portal}/pekerjaan/{id}";
        await ReloadUntilAsync(andi, work, andi.GetByRole(AriaRole.Button, new() { Name = "Mulai pekerjaan" }));
        await ScreenAsync(andi, "pekerjaan-tim");
        await andi.GetByRole(AriaRole.Button, new() { Name = "Mulai pekerjaan" }).ClickAsync();
        await ReportAsync(andi, "Modul cuti selesai dibuat");

        // Step 4. Application Security finds a flaw: rework.
        await rina.GotoAsync(work);
        await rina.Locator("input[name='Internal.Result'][value='failed']").CheckAsync();
        await rina.Locator("select[name='Internal.Findings[0].Severity']").SelectOptionAsync("high");
        await rina.Locator("input[name='Internal.Findings[0].Description']").FillAsync("Validasi masukan tanggal cuti tidak ada");
        await ScreenAsync(rina, "pemeriksaan-internal");
        await rina.GetByRole(AriaRole.Button, new() { Name = "Simpan Berita Acara pemeriksaan internal" }).ClickAsync();
        await Assertions.Expect(rina.Locator(".badge")).ToHaveTextAsync("Menunggu dimulai");

        // The rework round: visible to the team with its finding.
        await andi.GotoAsync(work);
        await Assertions.Expect(andi.GetByText("Validasi masukan tanggal cuti tidak ada")).ToBeVisibleAsync();
        await Assertions.Expect(andi.GetByRole(AriaRole.Heading, new() { Name = "Putaran 2" })).ToBeVisibleAsync();
        await andi.GetByRole(AriaRole.Button, new() { Name = "Mulai pekerjaan" }).ClickAsync();
        await ReportAsync(andi, "Validasi tanggal ditambahkan");

        await rina.GotoAsync(work);
        await rina.Locator("input[name='Internal.Result'][value='passed']").CheckAsync();
        await rina.GetByRole(AriaRole.Button, new() { Name = "Simpan Berita Acara pemeriksaan internal" }).ClickAsync();
        await Assertions.Expect(rina.Locator(".badge")).ToHaveTextAsync("Pemeriksaan oleh OPD");

        // Step 5. The OPD accepts the work.
        await siti.GotoAsync(work);
        await siti.Locator("input[name='Owner.Result'][value='accepted']").CheckAsync();
        await ScreenAsync(siti, "pemeriksaan-opd");
        await siti.GetByRole(AriaRole.Button, new() { Name = "Simpan Berita Acara pemeriksaan" }).ClickAsync();
        await Assertions.Expect(siti.Locator(".badge")).ToHaveTextAsync("Menunggu serah terima");

        // Step 6. The Kasi hands it over to the OPD.
        await dewi.GotoAsync(work);
        await dewi.Locator("#receiverNip").FillAsync(SitiNip);
        await dewi.Locator("#receiverName").FillAsync("Siti Rahmawati");
        await ScreenAsync(dewi, "serah-terima");
        await dewi.GetByRole(AriaRole.Button, new() { Name = "Simpan Berita Acara serah terima" }).ClickAsync();
        await Assertions.Expect(dewi.Locator(".badge")).ToHaveTextAsync("Selesai");
        await ReloadUntilAsync(siti, detail, siti.Locator(".badge").GetByText("Selesai", new() { Exact = true }));
        await ScreenAsync(siti, "permohonan-selesai");

        // The documents: the OPD downloads the Berita Acara Serah Terima; anyone checks it without signing in.
        var handoverDocument = siti.GetByRole(AriaRole.Row).Filter(new() { HasText = "Serah Terima" });
        var download = await siti.RunAndWaitForDownloadAsync(() => handoverDocument.GetByRole(AriaRole.Link, new() { Name = "PDF" }).ClickAsync());
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        var stranger = await (await _browser.NewContextAsync()).NewPageAsync();
        await stranger.GotoAsync($"{Portal}/verifikasi/{Convert.ToHexStringLower(SHA256.HashData(pdf))}");
        await Assertions.Expect(stranger.GetByText("Dokumen ini diterbitkan.")).ToBeVisibleAsync();
        await ScreenAsync(stranger, "verifikasi-dokumen");
        pdf[^10] ^= 1; // one byte changed: not issued
        await stranger.GotoAsync($"{Portal}/verifikasi/{Convert.ToHexStringLower(SHA256.HashData(pdf))}");
        await Assertions.Expect(stranger.GetByText("Tidak ada dokumen terbitan dengan kode ini.", new() { Exact = false })).ToBeVisibleAsync();

        // The auditor: the request's whole timeline, the log, the chain verified.
        await ReloadUntilAsync(hendra, $"{Portal}/linimasa/{id}", hendra.GetByRole(AriaRole.Row).Filter(new() { HasText = "6." }).GetByText("selesai"));
        await ScreenAsync(hendra, "linimasa");
        await hendra.GotoAsync($"{Portal}/audit?requestId={id}");
        await Assertions.Expect(hendra.GetByRole(AriaRole.Cell, new() { Name = "request-handed-over" })).ToBeVisibleAsync();
        await hendra.GetByRole(AriaRole.Button, new() { Name = "Verifikasi rantai audit" }).ClickAsync();
        await Assertions.Expect(hendra.GetByText("Rantai utuh")).ToBeVisibleAsync();
        await ScreenAsync(hendra, "log-audit");
        // The dashboard, for the auditor and the Kasi: the period is the portal's to give, Reporting's to refuse.
        foreach (var reader in new[] { hendra, dewi })
        {
            var answer = await reader.GotoAsync($"{Portal}/dasbor");
            answer!.Status.ShouldBe(200);
            await Assertions.Expect(reader.GetByRole(AriaRole.Heading, new() { Name = "Kepatuhan per langkah" })).ToBeVisibleAsync();
            await Assertions.Expect(reader.Locator("meter.bar").First).ToBeVisibleAsync();
            await Assertions.Expect(reader.Locator(".bar-label", new() { HasText = "Pemeriksaan internal" })).ToBeVisibleAsync();
        }
        await ScreenAsync(hendra, "dasbor");
        // The Kasi's audit export: the log as CSV, the same entries the page lists.
        await dewi.GotoAsync($"{Portal}/audit?requestId={id}");
        var href = await dewi.GetByRole(AriaRole.Link, new() { Name = "Unduh CSV" }).GetAttributeAsync("href");
        var export = await dewi.APIRequest.GetAsync($"{Portal}/{href}");
        export.Status.ShouldBe(200, await export.TextAsync());
        var csv = await export.TextAsync();
        csv.ShouldStartWith("seq,occurred_at");
        csv.ShouldContain("request-handed-over");

        // The clerk's notices: the handover is among them, as Reporting decided and (in development) mailed to the catcher.
        await ReloadUntilAsync(siti, $"{Portal}/notifikasi", siti.GetByText("Serah terima permohonan", new() { Exact = false }));
        await ScreenAsync(siti, "notifikasi");

        // In English on request.
        await siti.GotoAsync($"{Portal}/bahasa/en?kembali=/permohonan");
        await Assertions.Expect(siti.GetByRole(AriaRole.Heading, new() { Name = "Requests" })).ToBeVisibleAsync();
        // A return address on another site is not followed: the language is set and the portal's home shown.
        (await siti.GotoAsync($"{Portal}/bahasa/id?kembali=//evil.example/x"))!.Status.ShouldBe(200);
        siti.Url.ShouldBe($"{Portal}/");

        // Every page says what it may run and who may frame it.
        var headers = await (await siti.GotoAsync($"{Portal}/permohonan"))!.AllHeadersAsync();
        headers["content-security-policy"].ShouldContain("frame-ancestors 'none'");
        headers["content-security-policy"].ShouldContain("default-src 'none'");
        headers["x-content-type-options"].ShouldBe("nosniff");
        headers["referrer-policy"].ShouldBe("same-origin");

        // Signing out is a form (POST with the antiforgery token); a plain link to it signs no one out.
        await rudi.APIRequest.GetAsync($"{Portal}/keluar", new() { MaxRedirects = 0 });
        (await rudi.APIRequest.PostAsync($"{Portal}/keluar", new() { MaxRedirects = 0 })).Status.ShouldBe(400);
        await rudi.GotoAsync($"{Portal}/permohonan");
        await Assertions.Expect(rudi.GetByRole(AriaRole.Heading, new() { Name = "Daftar permohonan" })).ToBeVisibleAsync();
        await rudi.GetByRole(AriaRole.Button, new() { Name = "Keluar" }).ClickAsync();
        await rudi.GotoAsync($"{Portal}/permohonan");
        await Assertions.Expect(rudi.Locator("button[name='person']").First).ToBeVisibleAsync();

        // Budi's first access token has expired by now (if the flow was quick, once the clock has passed it): his session
        // goes on with a refreshed one, and the page lists the requests rather than the error page.
        while (DateTime.UtcNow < signedIn + TokenLifetime + TimeSpan.FromSeconds(5)) await Task.Delay(250);
        (await budi.GotoAsync($"{Portal}/permohonan"))!.Status.ShouldBe(200);
        await Assertions.Expect(budi.GetByRole(AriaRole.Heading, new() { Name = "Daftar permohonan" })).ToBeVisibleAsync();
        await Assertions.Expect(budi.GetByText(title)).ToBeVisibleAsync();
        budi.Url.ShouldNotContain("galat");

        // Every page each person's menu offers, now that the flow has filled them: none is an error or a refusal, none
        // has a serious or critical axe finding (checked with the screenshots above).
        foreach (var (person, page) in new[] { ("siti", siti), ("budi", budi), ("dewi", dewi), ("andi", andi), ("rina", rina), ("hendra", hendra) })
        {
            await page.GotoAsync(Portal);
            // The menu and the home page's own list of what this person does.
            var links = (await page.Locator("header.top nav a, main ul a").EvaluateAllAsync<string[]>("links => links.map(a => a.href)")).Distinct().ToArray();
            links.Length.ShouldBeGreaterThan(2, $"{person}'s menu");
            foreach (var link in links)
            {
                var answer = await page.GotoAsync(link);
                answer!.Status.ShouldBe(200, $"{person}: {link}");
                page.Url.ShouldNotContain("/galat", customMessage: $"{person}: {link}");
                page.Url.ShouldNotContain("/tidak-berwenang", customMessage: $"{person}: {link}");
                var heading = await page.Locator("main h1").First.InnerTextAsync();
                heading.ShouldNotBe("Terjadi kesalahan", $"{person}: {link}");
                var slug = new Uri(link).PathAndQuery.Trim('/').Replace('/', '-').Replace('?', '-').Replace('=', '-');
                await ScreenAsync(page, $"menu-{person}-{(slug.Length == 0 ? "beranda" : slug)}");
            }
        }

        _accessibility.ShouldBeEmpty();
    }

    private async Task<IPage> SignInAsync(string person)
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "id-ID" });
        var page = await context.NewPageAsync();
        _pages[person] = page;
        await page.GotoAsync(Portal);
        // The identity provider's sign-in page (development: the configured demo people).
        await page.Locator($"button[name='person'][value='{person}']").ClickAsync();
        await page.WaitForURLAsync($"{Portal}/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Selamat datang" })).ToBeVisibleAsync();
        return page;
    }

    private static async Task FillRequestAsync(IPage page, string title)
    {
        await page.Locator("#title").FillAsync(title);
        await page.Locator("#category").SelectOptionAsync("new-application");
        await page.Locator("#applicationName").FillAsync("SIMPEG");
        await page.Locator("#description").FillAsync("Modul pengajuan dan persetujuan cuti pegawai");
        await page.Locator("#memoNumber").FillAsync("800/112/DINKES/2026");
        await page.Locator("#memoDate").FillAsync(DateTime.UtcNow.AddHours(7).AddDays(-1).ToString("yyyy-MM-dd"));
        await page.Locator("#signatoryName").FillAsync("dr. Hj. Ani Suryani, M.Kes.");
        await page.Locator("#signatoryNip").FillAsync("197806152005012001");
        await page.Locator("#contactName").FillAsync("Siti Rahmawati");
        await page.Locator("#contactPhone").FillAsync("0812-3456-7890");
        await page.Locator("#contactEmail").FillAsync("siti.rahmawati@dinkes.example.go.id");
    }

    private static async Task ReportAsync(IPage page, string summary)
    {
        await page.Locator("#summary").FillAsync(summary);
        await page.Locator("#changes").FillAsync("Tabel cuti, halaman pengajuan, persetujuan atasan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim laporan" }).ClickAsync();
        await Assertions.Expect(page.Locator(".badge")).ToHaveTextAsync("Pemeriksaan internal");
    }

    /// <summary>What another service learns through its queue shows after a moment: reload until it does.</summary>
    private async Task ReloadUntilAsync(IPage page, string url, ILocator shown)
    {
        await _host.WaitUntilAsync(async () =>
        {
            await page.GotoAsync(url);
            return await shown.CountAsync() > 0;
        }, TimeSpan.FromSeconds(60), $"{shown} on {url}");
    }

    /// <summary>Saves the screen as a test artifact and checks it with axe: no serious or critical violation.</summary>
    private async Task ScreenAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{++_screen:00}-{name}.png"), FullPage = true });
        var result = await page.RunAxe();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            _accessibility.Add($"{name}: {violation.Id} ({violation.Impact}) {violation.Help}: {string.Join(" | ", violation.Nodes.Select(n => n.Html))}");
    }
}
