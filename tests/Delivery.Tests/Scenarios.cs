using Alba;
using Shouldly;
using Spbe.Contracts;
using Spbe.Delivery.Checking;
using Spbe.Testing;
using Wolverine.Tracking;

namespace Spbe.Delivery.Tests;

public static class Scenarios
{
    public const string ProgrammerNip = "198503122010011001";
    public const string SecurityNip = "199001012015032002";
    public const string OutsiderNip = "199205102018011003";

    public static readonly string Programmer = TestTokens.For(Roles.Programmer, sub: "prog-1", name: "Budi", nip: ProgrammerNip);
    public static readonly string Security = TestTokens.For(Roles.AppSecurity, sub: "sec-1", name: "Rina", nip: SecurityNip);
    public static readonly string OtherProgrammer = TestTokens.For(Roles.Programmer, sub: "prog-2", nip: OutsiderNip);
    public static readonly string OtherSecurity = TestTokens.For(Roles.AppSecurity, sub: "sec-2", nip: OutsiderNip);
    public static readonly string Owner = TestTokens.For(Roles.Opd, opd: "DINKES", sub: "clerk-dinkes", name: "Siti");
    public static readonly string OtherOpd = TestTokens.For(Roles.Opd, opd: "BAPPEDA");
    public static readonly string Kasi = TestTokens.For(Roles.KasiAplikasi, sub: "kasi-01", nip: TestTokens.SampleNip);
    public static readonly string Auditor = TestTokens.For(Roles.Auditor);

    public static TeamAssigned Assigned(Guid? id = null, int revision = 1, string lead = ProgrammerNip, IReadOnlyList<TeamMember>? members = null) => new(
        id ?? Guid.NewGuid(), "SPBE/2026/00007", "DINKES", DateTimeOffset.UtcNow,
        new Actor("kasi-01", "Kasi", Roles.KasiAplikasi, TestTokens.SampleNip), $"800/{revision:000}/ST/Diskominfotik-2026", lead,
        members ?? [new TeamMember(ProgrammerNip, "Budi", Roles.Programmer), new TeamMember(SecurityNip, "Rina", Roles.AppSecurity)],
        new Schedule(new(2026, 12, 1), new(2026, 12, 8), new(2026, 12, 10), new(2026, 12, 14), new(2026, 12, 15)),
        "Perbaiki modul laporan", "Perbaikan SIMPUS", revision);

    public static async Task<Guid> OpenAsync(IAlbaHost host)
    {
        var m = Assigned();
        await host.InvokeMessageAndWaitAsync(m);
        return m.RequestId;
    }

    public static readonly object Report = new { summary = "Modul laporan diperbaiki", changes = "Query dan template", deploymentNotes = "Deploy 2026-12-08" };
    public static readonly object Passed = new { result = "passed", findings = Array.Empty<object>() };
    public static readonly object Failed = new { result = "failed", findings = new[] { new { severity = "high", description = "SQL injection di filter" } } };
    public static readonly object Accepted = new { result = "accepted", findings = Array.Empty<object>() };
    public static readonly object Revision = new { result = "revision-requested", findings = new[] { new { severity = "medium", description = "Format tanggal salah" } } };
    public static readonly object Handover = new
    {
        handedOverBy = new { nip = TestTokens.SampleNip, name = "Kasi Aplikasi" },
        receivedBy = new { nip = "197806152005012001", name = "dr. Andi" },
        notes = "Kode sumber dan dokumentasi diserahkan",
    };

    public static async Task<string> BeritaAcaraOf(IScenarioResult result) => (await result.ReadAsJsonAsync<BeritaAcaraResponse>())!.BeritaAcaraNumber;

    public static async Task<GettingWorkOrder.WorkOrderView> GetAsync(IAlbaHost host, Guid id, string? token = null)
    {
        var result = await host.Scenario(s => { s.Get.Url($"/work-orders/{id}"); s.As(token ?? Kasi); s.StatusCodeShouldBeOk(); });
        return (await result.ReadAsJsonAsync<GettingWorkOrder.WorkOrderView>())!;
    }

    /// <summary>Drives a work order to the given point along the straight path.</summary>
    public static async Task<Guid> ToAsync(IAlbaHost host, WorkOrderStatus status)
    {
        var id = await OpenAsync(host);
        if (status == WorkOrderStatus.AwaitingStart) return id;
        await host.PostAsync($"/work-orders/{id}/start", Programmer, 204);
        if (status == WorkOrderStatus.InExecution) return id;
        await host.PostAsync($"/work-orders/{id}/report", Programmer, 204, Report);
        if (status == WorkOrderStatus.InternalCheck) return id;
        await host.PostAsync($"/work-orders/{id}/internal-check", Security, 200, Passed);
        if (status == WorkOrderStatus.OwnerCheck) return id;
        await host.PostAsync($"/work-orders/{id}/owner-check", Owner, 200, Accepted);
        if (status == WorkOrderStatus.Handover) return id;
        await host.PostAsync($"/work-orders/{id}/handover", Kasi, 200, Handover);
        return id;
    }
}
