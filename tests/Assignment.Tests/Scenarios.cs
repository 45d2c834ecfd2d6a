using Alba;
using Shouldly;
using Spbe.Assignment.GettingCase;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Spbe.Testing;
using Wolverine.Tracking;

namespace Spbe.Assignment.Tests;

public static class Scenarios
{
    public static readonly string Kasi = TestTokens.For(Roles.KasiAplikasi, sub: "kasi-01", name: "Kasi Aplikasi", nip: TestTokens.SampleNip);
    public static readonly string StafIt = TestTokens.For(Roles.StafIt);
    public static readonly string Auditor = TestTokens.For(Roles.Auditor);
    public static readonly string Opd = TestTokens.For(Roles.Opd, opd: "DINKES");

    public const string LeadNip = "198503122010011001";
    public const string SecurityNip = "199001012015032002";
    public static readonly WorkingCalendar Calendar = new(CalendarOptions.Shipped());

    public static RequestRegistered Registered(Guid? id = null, DateTimeOffset? at = null) => new(
        id ?? Guid.NewGuid(), "SPBE/2026/00001", "DINKES", at ?? DateTimeOffset.UtcNow,
        new Actor("staf-01", "Budi", Roles.StafIt, TestTokens.SampleNip),
        "Perbaikan SIMPUS", "fix", "SIMPUS", "Laporan gagal dicetak", null, (at ?? DateTimeOffset.UtcNow).AddHours(-1));

    public static async Task<Guid> OpenCaseAsync(IAlbaHost host, DateTimeOffset? at = null)
    {
        var message = Registered(at: at);
        await host.InvokeMessageAndWaitAsync(message);
        return message.RequestId;
    }

    public static object Analysis => new
    {
        summary = "Modul laporan perlu diperbaiki",
        scope = "Modul laporan bulanan",
        feasibility = "feasible",
        approach = "Perbaikan query dan template",
        estimatedEffortDays = 5,
        risks = new[] { "Data lama tidak konsisten" },
        requiredRoles = new[] { "programmer", "app-security" },
    };

    /// <summary>The next <paramref name="count"/> working days after today (WIB).</summary>
    public static string[] NextWorkingDays(int count)
    {
        var days = new List<string>();
        var d = Wib.Today(DateTimeOffset.UtcNow).AddDays(1);
        while (days.Count < count)
        {
            if (Calendar.IsWorkingDay(d)) days.Add(d.ToString("yyyy-MM-dd"));
            d = d.AddDays(1);
        }
        return days.ToArray();
    }

    public static object Team(string? lead = LeadNip, object[]? members = null, object? schedule = null)
    {
        var days = NextWorkingDays(5);
        return new
        {
            lead,
            members = members ?? new object[]
            {
                new { nip = LeadNip, name = "Budi", role = "programmer" },
                new { nip = SecurityNip, name = "Rina", role = "app-security" },
            },
            schedule = schedule ?? new
            {
                executionStart = days[0], executionDue = days[1], internalCheckDue = days[2], ownerCheckDue = days[3], handoverDue = days[4],
            },
        };
    }

    public static async Task<CaseView> GetAsync(IAlbaHost host, Guid id, string? token = null)
    {
        var result = await host.Scenario(s => { s.Get.Url($"/analyses/{id}"); s.As(token ?? Kasi); s.StatusCodeShouldBeOk(); });
        return (await result.ReadAsJsonAsync<CaseView>())!;
    }
}
