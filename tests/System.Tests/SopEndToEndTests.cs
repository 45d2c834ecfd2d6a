using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit;
using Xunit.Abstractions;
using Spbe.Testing;

namespace Spbe.System.Tests;

[CollectionDefinition("apphost", DisableParallelization = true)]
public sealed class AppHostCollection;

/// <summary>The whole system started from the AppHost's model (Aspire.Hosting.Testing): the SOP from submission to handover, with a service killed mid-flow.</summary>
[Collection("apphost")]
public sealed class SopEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private AspireSystem _host = null!;

    public async Task InitializeAsync()
    {
        _host = await AspireSystem.StartAsync();
        output.WriteLine($"AppHost (Aspire.Hosting.Testing): every resource healthy after {_host.TimeToHealthy.TotalSeconds:0.0} s");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static readonly string Nip = "198503122010011001", SecurityNip = "199001012015032002";

    [Fact]
    public async Task a_request_goes_through_all_six_steps_and_survives_a_killed_service()
    {
        var opd = await _host.TokenAsync("clerk-dinkes", "Siti", "opd", opd: "DINKES");
        var staf = await _host.TokenAsync("staf-01", "Budi", "staf-it", nip: Nip);
        var kasi = await _host.TokenAsync("kasi-01", "Kasi", "kasi-aplikasi", nip: Nip);
        var programmer = await _host.TokenAsync("prog-01", "Andi", "programmer", nip: Nip);
        var security = await _host.TokenAsync("sec-01", "Rina", "app-security", nip: SecurityNip);
        var intake = _host.Url("intake");
        var assignment = _host.Url("assignment");
        var delivery = _host.Url("delivery");

        async Task<JsonNode?> Post(string url, string token, object? body, HttpStatusCode expected)
        {
            var response = await _host.SendAsync(HttpMethod.Post, url, token, body is null ? null : JsonContent.Create(body));
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(expected, text);
            return text.Length > 0 ? JsonNode.Parse(text) : null;
        }

        Task Eventually(Func<Task<bool>> condition, string what) => _host.WaitUntilAsync(condition, TimeSpan.FromSeconds(60), what);

        // Step 1: submission and registration.
        var submitted = await Post($"{intake}/requests", opd, new
        {
            title = "Perbaikan laporan SIMPUS", category = "fix", applicationName = "SIMPUS", description = "Laporan bulanan gagal dicetak",
            requestMemo = new { number = "005/1/DINKES/2026", date = "2026-01-05", signedBy = new { name = "dr. Andi", nip = Nip } },
            contact = new { name = "Siti", phone = "0812", email = "siti@dinkes.go.id" },
        }, HttpStatusCode.Created);
        var id = submitted!["id"]!.GetValue<string>();
        submitted["trackingCode"]!.GetValue<string>().ShouldMatch("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$");
        submitted["number"].ShouldBeNull(); // the register number is given at registration
        var memo = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n")), "file", "nota.pdf" },
            { new StringContent("request-memo"), "kind" },
        };
        (await _host.SendAsync(HttpMethod.Post, $"{intake}/requests/{id}/attachments", opd, memo)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var number = (await Post($"{intake}/requests/{id}/register", staf, null, HttpStatusCode.OK))!["number"]!.GetValue<string>();
        number.ShouldMatch(@"^SPBE/\d{4}/\d{5}$");

        // Step 2: the case arrives in Assignment through the queue, under the register number; analysis and Surat Tugas.
        await Eventually(async () => await _host.GetAsync($"{assignment}/analyses/{id}", kasi) is not null, "the analysis case");
        (await _host.GetAsync($"{assignment}/analyses/{id}", kasi))!["number"]!.GetValue<string>().ShouldBe(number);
        await Post($"{assignment}/analyses/{id}/result", kasi, new
        {
            summary = "Perbaiki modul laporan", scope = "Modul laporan", feasibility = "feasible", approach = "Perbaikan query",
            estimatedEffortDays = 3, risks = Array.Empty<string>(), requiredRoles = new[] { "programmer" },
        }, HttpStatusCode.NoContent);

        // Kill Delivery with SIGKILL just before the Surat Tugas is issued: TeamAssigned waits in its queue.
        var killed = _host.ServicePids("delivery").ShouldHaveSingleItem();
        ProcessTree.Signal(killed, ProcessTree.SigKill);
        var days = WorkingDaysFromTomorrow(5);
        await Post($"{assignment}/analyses/{id}/team", kasi, new
        {
            lead = Nip,
            members = new[] { new { nip = Nip, name = "Andi", role = "programmer" }, new { nip = SecurityNip, name = "Rina", role = "app-security" } },
            schedule = new { executionStart = days[0], executionDue = days[1], internalCheckDue = days[2], ownerCheckDue = days[3], handoverDue = days[4] },
        }, HttpStatusCode.OK);

        await Eventually(async () => _host.Restarts("delivery") >= 1 && await _host.AllHealthyAsync()
                                     && _host.ServicePids("delivery") is [var pid] && pid != killed,
            "delivery started again by the AppHost");

        // Steps 3 to 6 in Delivery.
        await Eventually(async () => await _host.GetAsync($"{delivery}/work-orders/{id}", kasi) is not null, "the work order after the restart");
        await Post($"{delivery}/work-orders/{id}/start", programmer, null, HttpStatusCode.NoContent);
        await Post($"{delivery}/work-orders/{id}/report", programmer, new { summary = "Diperbaiki", changes = "Query", deploymentNotes = "-" }, HttpStatusCode.NoContent);
        await Post($"{delivery}/work-orders/{id}/internal-check", security, new { result = "passed", findings = Array.Empty<object>() }, HttpStatusCode.OK);
        await Post($"{delivery}/work-orders/{id}/owner-check", opd, new { result = "accepted", findings = Array.Empty<object>() }, HttpStatusCode.OK);
        await Post($"{delivery}/work-orders/{id}/handover", kasi, new
        {
            handedOverBy = new { nip = Nip, name = "Kasi" }, receivedBy = new { nip = "197806152005012001", name = "dr. Andi" }, notes = "Selesai",
        }, HttpStatusCode.OK);

        await Eventually(async () => (await _host.GetAsync($"{intake}/requests/{id}", opd))?["status"]?.GetValue<string>() == "completed",
            "the request completed in Intake");
        await Eventually(async () =>
        {
            var timeline = await _host.GetAsync($"{_host.Url("reporting")}/timelines/{id}", opd);
            var steps = timeline?["steps"]?.AsArray();
            return steps is { Count: 6 } && steps.All(s => s!["state"]!.GetValue<string>() == "closed");
        }, "a full timeline of six closed steps in Reporting");

        var auditor = await _host.TokenAsync("inspektorat-01", "Auditor", "auditor");
        var audit = await _host.GetAsync($"{_host.Url("reporting")}/audit?requestId={id}&limit=200", auditor);
        // Every integration message of the request, each exactly once, in order.
        audit!["items"]!.AsArray().Select(i => i!["type"]!.GetValue<string>()).ShouldBe(
        [
            "request-submitted", "request-registered", "team-assigned", "work-started", "execution-reported",
            "internal-check-completed", "owner-check-completed", "request-handed-over",
        ]);
        // The submission carries no number; registration and everything after it carry the register number.
        audit["items"]!.AsArray().Select(i => i!["requestNumber"]?.GetValue<string>()).ShouldBe([null, .. Enumerable.Repeat(number, 7)]);
        (await _host.GetAsync($"{_host.Url("reporting")}/timelines/{id}", opd))!["number"]!.GetValue<string>().ShouldBe(number);
        (await _host.GetAsync($"{_host.Url("reporting")}/audit/verify", auditor))!["ok"]!.GetValue<bool>().ShouldBeTrue();

        // The Berita Acara Serah Terima as the OPD downloads it from Delivery: Reporting's public verification (no
        // token) finds it by its SHA-256, which came with the handover's message.
        using var beritaAcara = await _host.SendAsync(HttpMethod.Get, $"{delivery}/work-orders/{id}/documents/berita-acara-serah-terima", opd);
        beritaAcara.StatusCode.ShouldBe(HttpStatusCode.OK);
        beritaAcara.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(await beritaAcara.Content.ReadAsByteArrayAsync()));
        using var verified = await _host.Http.GetAsync($"{_host.Url("reporting")}/verify/{sha256}");
        var verification = await verified.Content.ReadAsStringAsync();
        verified.StatusCode.ShouldBe(HttpStatusCode.OK, verification);
        JsonNode.Parse(verification)!["kind"]!.GetValue<string>().ShouldBe("berita-acara-serah-terima");
    }

    private static string[] WorkingDaysFromTomorrow(int count)
    {
        var calendar = new Spbe.Sop.WorkingCalendar(Spbe.Sop.CalendarOptions.Shipped());
        var days = new List<string>();
        for (var d = Spbe.Sop.Wib.Today(DateTimeOffset.UtcNow).AddDays(1); days.Count < count; d = d.AddDays(1))
            if (calendar.IsWorkingDay(d)) days.Add(d.ToString("yyyy-MM-dd"));
        return [.. days];
    }
}
