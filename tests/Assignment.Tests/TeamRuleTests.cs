using Alba;
using Shouldly;
using Spbe.Testing;
using Xunit;

namespace Spbe.Assignment.Tests;

public sealed class TeamRuleTests(AssignmentFixture fixture) : IClassFixture<AssignmentFixture>
{
    private IAlbaHost Host => fixture.Host;

    private async Task<Guid> AnalysedCase()
    {
        var id = await Scenarios.OpenCaseAsync(Host);
        await Host.PostAsync($"/analyses/{id}/result", Scenarios.Kasi, 204, Scenarios.Analysis);
        return id;
    }

    private async Task RefusedNaming(object team, string field, string? reason = null)
    {
        var id = await AnalysedCase();
        var result = await Host.PostAsync($"/analyses/{id}/team", Scenarios.Kasi, 400, team);
        await result.ShouldNameField(field);
        if (reason is not null) (await result.ReadAsTextAsync()).ShouldContain(reason);
        (await Scenarios.GetAsync(Host, id)).Status.ShouldBe(CaseStatus.Analysed); // nothing written
    }

    [Fact]
    public Task a_team_without_an_app_security_member_is_refused() => RefusedNaming(
        Scenarios.Team(members: [new { nip = Scenarios.LeadNip, name = "Budi", role = "programmer" }]), "members", "app-security");

    [Fact]
    public Task a_team_without_an_executor_is_refused() => RefusedNaming(
        Scenarios.Team(lead: Scenarios.SecurityNip, members: [new { nip = Scenarios.SecurityNip, name = "Rina", role = "app-security" }]), "members", "executor");

    [Fact]
    public Task a_lead_who_is_not_a_member_is_refused() => RefusedNaming(Scenarios.Team(lead: "199205102018011003"), "lead");

    [Fact]
    public Task a_member_with_an_invalid_nip_is_refused() => RefusedNaming(
        Scenarios.Team(members:
        [
            new { nip = Scenarios.LeadNip, name = "Budi", role = "programmer" },
            new { nip = "12345678", name = "Rina", role = "app-security" },
        ]), "members[1].nip");

    [Fact]
    public Task an_unknown_role_is_refused() => RefusedNaming(
        Scenarios.Team(members:
        [
            new { nip = Scenarios.LeadNip, name = "Budi", role = "intern" },
            new { nip = Scenarios.SecurityNip, name = "Rina", role = "app-security" },
        ]), "members[0].role");

    [Fact]
    public Task dates_out_of_order_are_refused()
    {
        var d = Scenarios.NextWorkingDays(5);
        return RefusedNaming(Scenarios.Team(schedule: new
        {
            executionStart = d[0], executionDue = d[2], internalCheckDue = d[1], ownerCheckDue = d[3], handoverDue = d[4],
        }), "schedule.internalCheckDue");
    }

    [Fact]
    public Task a_date_on_a_sunday_is_refused()
    {
        var d = Scenarios.NextWorkingDays(5);
        var sunday = DateOnly.Parse(d[4]);
        while (sunday.DayOfWeek != DayOfWeek.Sunday) sunday = sunday.AddDays(1);
        return RefusedNaming(Scenarios.Team(schedule: new
        {
            executionStart = d[0], executionDue = d[1], internalCheckDue = d[2], ownerCheckDue = d[3], handoverDue = sunday.ToString("yyyy-MM-dd"),
        }), "schedule.handoverDue", "not a working day");
    }

    [Fact]
    public Task a_date_on_a_national_holiday_is_refused()
    {
        // Christmas 2026 ships in the calendar; the holiday rule holds whatever today is.
        var d = Scenarios.NextWorkingDays(4);
        return RefusedNaming(Scenarios.Team(schedule: new
        {
            executionStart = d[0], executionDue = d[1], internalCheckDue = d[2], ownerCheckDue = d[3], handoverDue = "2026-12-25",
        }), "schedule.handoverDue", "Kelahiran Yesus Kristus");
    }
}
