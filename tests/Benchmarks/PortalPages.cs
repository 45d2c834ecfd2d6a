using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Spbe.Testing;

namespace Spbe.Benchmarks;

/// <summary>
/// Scenario: the portal's list and detail pages rendered on the server over the seeded requests, as a
/// signed-in auditor and Kasi open them (through the real sign-in at the identity provider). Baseline in
/// the same run: the portal's /health.
/// </summary>
public static partial class PortalPages
{
    public static async Task RunAsync(RunningSystem system, Report report, IReadOnlyList<Guid> ids)
    {
        var portal = system.Url("portal");
        var random = new Random(2028);
        using var auditor = await SignInAsync(portal, "hendra");
        using var kasi = await SignInAsync(portal, "dewi");

        async Task<double> Time(HttpClient browser, string url)
        {
            var watch = Stopwatch.StartNew();
            using var response = await browser.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || html.Contains("Tidak ditemukan.", StringComparison.Ordinal))
                throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
            return watch.Elapsed.TotalMilliseconds;
        }

        async Task Measure(string name, HttpClient browser, int runs, Func<int, string> url, string target)
        {
            for (var i = 0; i < 3; i++) await Time(browser, url(i)); // warm
            var times = new List<double>();
            for (var i = 0; i < runs; i++) times.Add(await Time(browser, url(i)));
            times.Sort();
            report.Add("portal", $"{name} p50", Percentile(times, 0.5), "ms");
            report.Add("portal", $"{name} p95", Percentile(times, 0.95), "ms", target);
        }

        Guid Any() => ids[random.Next(ids.Count)];
        await Measure("baseline GET /health", auditor, 100, _ => $"{portal}/health", "");
        await Measure("requests list, first page (auditor)", auditor, 100, _ => $"{portal}/permohonan", "< 300 ms");
        await Measure("requests list, page 500 (auditor)", auditor, 100, i => $"{portal}/permohonan?halaman={500 + i}", "< 300 ms");
        await Measure("request detail with history and documents (auditor)", auditor, 100, _ => $"{portal}/permohonan/{Any()}", "< 300 ms");
        await Measure("timeline of six steps (auditor)", auditor, 100, _ => $"{portal}/linimasa/{Any()}", "< 300 ms");
        await Measure("audit log, first page (auditor)", auditor, 100, _ => $"{portal}/audit", "< 300 ms");
        await Measure("work orders list (Kasi)", kasi, 100, _ => $"{portal}/pekerjaan", "< 300 ms");
        await Measure("analyses list (Kasi)", kasi, 100, _ => $"{portal}/analisis", "< 300 ms");
    }

    /// <summary>A browser's session: the portal sends it to the provider, the person is picked on /masuk, the code comes back.</summary>
    private static async Task<HttpClient> SignInAsync(string portal, string person)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { Timeout = TimeSpan.FromSeconds(60) };
        using var page = await browser.GetAsync(portal);
        var html = await page.Content.ReadAsStringAsync();
        var fields = Hidden().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["person"] = person;
        using var signedIn = await browser.PostAsync(new Uri(page.RequestMessage!.RequestUri!, "/masuk"), new FormUrlEncodedContent(fields));
        var home = await signedIn.Content.ReadAsStringAsync();
        if (!home.Contains("Selamat datang", StringComparison.Ordinal)) throw new InvalidOperationException($"{person} is not signed in to the portal.");
        return browser;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex Hidden();
}
