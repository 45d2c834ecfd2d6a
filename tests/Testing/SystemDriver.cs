using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Shouldly;
using Spbe.Testing;

namespace Spbe.Testing;

/// <summary>Drives requests through the SOP over HTTP against the AppHost's processes, as the portal and staff tools would.</summary>
public sealed class SystemDriver(RunningSystem host)
{
    public const string Nip = "198503122010011001", SecurityNip = "199001012015032002";
    public RunningSystem Host => host;
    public string Opd = "", Staf = "", Kasi = "", Programmer = "", Security = "", Auditor = "";

    public async Task LoginAsync()
    {
        Opd = await host.TokenAsync("clerk-dinkes", "Siti", "opd", opd: "DINKES");
        Staf = await host.TokenAsync("staf-01", "Budi", "staf-it", nip: Nip);
        Kasi = await host.TokenAsync("kasi-01", "Kasi", "kasi-aplikasi", nip: Nip);
        Programmer = await host.TokenAsync("prog-01", "Andi", "programmer", nip: Nip);
        Security = await host.TokenAsync("sec-01", "Rina", "app-security", nip: SecurityNip);
        Auditor = await host.TokenAsync("inspektorat-01", "Auditor", "auditor");
    }

    public string Intake => host.Url("intake");
    public string Assignment => host.Url("assignment");
    public string Delivery => host.Url("delivery");
    public string Reporting => host.Url("reporting");

    public static object RequestForm => new
    {
        title = "Perbaikan laporan SIMPUS", category = "fix", applicationName = "SIMPUS", description = "Laporan bulanan gagal dicetak",
        requestMemo = new { number = "005/1/DINKES/2026", date = "2026-01-05", signedBy = new { name = "dr. Andi", nip = Nip } },
        contact = new { name = "Siti", phone = "0812", email = "siti@dinkes.go.id" },
    };

    public static object Analysis => new
    {
        summary = "Perbaiki modul laporan", scope = "Modul laporan", feasibility = "feasible", approach = "Perbaikan query",
        estimatedEffortDays = 3, risks = Array.Empty<string>(), requiredRoles = new[] { "programmer" },
    };

    public static object Team()
    {
        var calendar = new Spbe.Sop.WorkingCalendar(Spbe.Sop.CalendarOptions.Shipped());
        var days = new List<string>();
        for (var d = Spbe.Sop.Wib.Today(DateTimeOffset.UtcNow).AddDays(1); days.Count < 5; d = d.AddDays(1))
            if (calendar.IsWorkingDay(d)) days.Add(d.ToString("yyyy-MM-dd"));
        return new
        {
            lead = Nip,
            members = new[] { new { nip = Nip, name = "Andi", role = "programmer" }, new { nip = SecurityNip, name = "Rina", role = "app-security" } },
            schedule = new { executionStart = days[0], executionDue = days[1], internalCheckDue = days[2], ownerCheckDue = days[3], handoverDue = days[4] },
        };
    }

    public static object Handover => new
    {
        handedOverBy = new { nip = Nip, name = "Kasi" }, receivedBy = new { nip = "197806152005012001", name = "dr. Andi" }, notes = "Selesai",
    };

    public async Task<HttpResponseMessage> PostAsync(string url, string token, object? body = null) =>
        await host.SendAsync(HttpMethod.Post, url, token, body is null ? null : JsonContent.Create(body));

    public async Task<JsonNode?> ExpectAsync(string url, string token, object? body, HttpStatusCode expected)
    {
        var response = await PostAsync(url, token, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, $"{url}: {text}");
        return text.Length > 0 ? JsonNode.Parse(text) : null;
    }

    public Task Eventually(Func<Task<bool>> condition, string what) => host.WaitUntilAsync(condition, TimeSpan.FromSeconds(60), what);

    public async Task<string> SubmittedAsync()
    {
        var submitted = await ExpectAsync($"{Intake}/requests", Opd, RequestForm, HttpStatusCode.Created);
        return submitted!["id"]!.GetValue<string>();
    }

    public async Task<string> CompleteAsync()
    {
        var id = await SubmittedAsync();
        var memo = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n")), "file", "nota.pdf" },
            { new StringContent("request-memo"), "kind" },
        };
        (await host.SendAsync(HttpMethod.Post, $"{Intake}/requests/{id}/attachments", Opd, memo)).StatusCode.ShouldBe(HttpStatusCode.Created);
        return id;
    }

    public async Task<string> AnalysedAsync()
    {
        var id = await CompleteAsync();
        await ExpectAsync($"{Intake}/requests/{id}/register", Staf, null, HttpStatusCode.OK);
        await Eventually(async () => await host.GetAsync($"{Assignment}/analyses/{id}", Kasi) is not null, "the case");
        await ExpectAsync($"{Assignment}/analyses/{id}/result", Kasi, Analysis, HttpStatusCode.NoContent);
        return id;
    }

    /// <summary>A work order brought to the given Delivery status ("awaiting-start", "in-execution", "internal-check", "owner-check", "handover").</summary>
    public async Task<string> WorkOrderAsync(string status)
    {
        var id = await AnalysedAsync();
        await ExpectAsync($"{Assignment}/analyses/{id}/team", Kasi, Team(), HttpStatusCode.OK);
        await Eventually(async () => await host.GetAsync($"{Delivery}/work-orders/{id}", Kasi) is not null, "the work order");
        if (status == "awaiting-start") return id;
        await ExpectAsync($"{Delivery}/work-orders/{id}/start", Programmer, null, HttpStatusCode.NoContent);
        if (status == "in-execution") return id;
        await ExpectAsync($"{Delivery}/work-orders/{id}/report", Programmer, new { summary = "x", changes = "y" }, HttpStatusCode.NoContent);
        if (status == "internal-check") return id;
        await ExpectAsync($"{Delivery}/work-orders/{id}/internal-check", Security, new { result = "passed", findings = Array.Empty<object>() }, HttpStatusCode.OK);
        if (status == "owner-check") return id;
        await ExpectAsync($"{Delivery}/work-orders/{id}/owner-check", Opd, new { result = "accepted", findings = Array.Empty<object>() }, HttpStatusCode.OK);
        return id;
    }

    public async Task<long> VersionAsync(string url, string token)
    {
        using var response = await host.SendAsync(HttpMethod.Get, url, token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return long.Parse(response.Headers.ETag!.Tag.Trim('"'));
    }
}
