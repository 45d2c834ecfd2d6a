using Alba;
using Marten;
using Shouldly;
using Spbe.Contracts;
using Spbe.Testing;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace Spbe.Assignment.Tests;

public sealed class AnalysisTests(AssignmentFixture fixture) : IClassFixture<AssignmentFixture>
{
    private IAlbaHost Host => fixture.Host;

    [Fact]
    public async Task a_published_registration_opens_a_case_once_even_when_delivered_twice()
    {
        var message = Scenarios.Registered();
        // Published, as Intake does, so it comes through Assignment's PostgreSQL queue; then again.
        await Host.MessageBus().PublishAsync(message);
        await Host.MessageBus().PublishAsync(message);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        await using var session = fixture.Store.QuerySession();
        while (await session.LoadAsync<AnalysisCase>(message.RequestId) is null && DateTime.UtcNow < deadline) await Task.Delay(50);

        await Host.InvokeMessageAndWaitAsync(message); // and a third time, directly
        var events = await session.Events.FetchStreamAsync(message.RequestId);
        events.ShouldHaveSingleItem().Data.ShouldBeOfType<CaseOpened>();

        var view = await Scenarios.GetAsync(Host, message.RequestId, Scenarios.StafIt);
        view.Status.ShouldBe(CaseStatus.Pending);
        view.Number.ShouldBe("SPBE/2026/00001");
        view.DueAt.ShouldBe(Scenarios.Calendar.Add(message.OccurredAt, Scenarios.Calendar.WorkingDays(1)));
    }

    [Fact]
    public async Task analysis_then_team_publishes_team_assigned_with_the_team_the_schedule_and_the_summary()
    {
        var id = await Scenarios.OpenCaseAsync(Host);
        await Host.PostAsync($"/analyses/{id}/result", Scenarios.Kasi, 204, Scenarios.Analysis);
        (await Scenarios.GetAsync(Host, id)).Status.ShouldBe(CaseStatus.Analysed);

        IScenarioResult? result = null;
        var tracked = await Host.ExecuteAndWaitAsync(async () =>
            result = await Host.PostAsync($"/analyses/{id}/team", Scenarios.Kasi, 200, Scenarios.Team()));
        var letter = (await result!.ReadAsJsonAsync<AssigningTeam.TeamResponse>())!;
        letter.LetterNumber.ShouldNotBeNull().ShouldMatch(@"^800/\d{3}/ST/Diskominfotik-\d{4}$");
        (letter.Revision, letter.Status).ShouldBe((1, "issued"));

        var message = tracked.Sent.MessagesOf<TeamAssigned>().Distinct().ShouldHaveSingleItem();
        message.LetterNumber.ShouldBe(letter.LetterNumber);
        message.LeadNip.ShouldBe(Scenarios.LeadNip);
        message.Members.Select(m => m.Role).ShouldBe(["programmer", "app-security"]);
        message.AnalysisSummary.ShouldBe("Modul laporan perlu diperbaiki");
        message.Schedule.ExecutionStart.ToString("yyyy-MM-dd").ShouldBe(Scenarios.NextWorkingDays(1)[0]);
        message.Actor.UserId.ShouldBe("kasi-01");
        message.Revision.ShouldBe(1);

        (await Scenarios.GetAsync(Host, id)).Status.ShouldBe(CaseStatus.Assigned);
    }

    [Fact]
    public async Task a_team_cannot_be_assigned_before_the_analysis()
    {
        var id = await Scenarios.OpenCaseAsync(Host);
        var result = await Host.PostAsync($"/analyses/{id}/team", Scenarios.Kasi, 409, Scenarios.Team());
        (await result.ReadAsTextAsync()).ShouldContain("analysis");
    }

    [Fact]
    public async Task rejection_publishes_request_rejected_and_closes_the_case_to_further_commands()
    {
        var id = await Scenarios.OpenCaseAsync(Host);
        var tracked = await Host.ExecuteAndWaitAsync(() =>
            Host.PostAsync($"/analyses/{id}/reject", Scenarios.Kasi, 204, new { reason = "Bukan kewenangan Diskominfotik" }));
        tracked.Sent.MessagesOf<RequestRejected>().Distinct().ShouldHaveSingleItem().Reason.ShouldBe("Bukan kewenangan Diskominfotik");

        (await Scenarios.GetAsync(Host, id)).Status.ShouldBe(CaseStatus.Rejected);
        await Host.PostAsync($"/analyses/{id}/result", Scenarios.Kasi, 409, Scenarios.Analysis);
        await Host.PostAsync($"/analyses/{id}/reject", Scenarios.Kasi, 409, new { reason = "again" });
    }

    [Fact]
    public async Task a_reissue_is_asked_of_delivery_and_issued_with_a_new_number_when_delivery_accepts()
    {
        var id = await Scenarios.OpenCaseAsync(Host);
        await Host.PostAsync($"/analyses/{id}/result", Scenarios.Kasi, 204, Scenarios.Analysis);
        var first = (await (await Host.PostAsync($"/analyses/{id}/team", Scenarios.Kasi, 200, Scenarios.Team())).ReadAsJsonAsync<AssigningTeam.TeamResponse>())!;

        var changed = Scenarios.Team(members:
        [
            new { nip = Scenarios.LeadNip, name = "Budi", role = "programmer" },
            new { nip = "199205102018011003", name = "Andi", role = "its" },
            new { nip = Scenarios.SecurityNip, name = "Rina", role = "app-security" },
        ]);
        IScenarioResult? answer = null;
        var asked = await Host.ExecuteAndWaitAsync(async () => answer = await Host.PostAsync($"/analyses/{id}/team", Scenarios.Kasi, 202, changed));
        var pending = (await answer!.ReadAsJsonAsync<AssigningTeam.TeamResponse>())!;
        (pending.LetterNumber, pending.Revision, pending.Status).ShouldBe(((string?)null, 2, "team-change-requested"));
        asked.Sent.MessagesOf<TeamChangeRequested>().Distinct().ShouldHaveSingleItem().Members.Count.ShouldBe(3);
        var view = await Scenarios.GetAsync(Host, id);
        (view.Team!.Revision, view.PendingTeamChange!.Revision).ShouldBe((1, 2));
        await Host.PostAsync($"/analyses/{id}/team", Scenarios.Kasi, 409, changed); // one question at a time

        var accepted = new TeamChangeAccepted(id, "SPBE/2026/00001", "DINKES", DateTimeOffset.UtcNow, new Actor("kasi-01", "Kasi", Roles.KasiAplikasi, null), 2);
        var issued = await Host.InvokeMessageAndWaitAsync(accepted);
        var letter = issued.Sent.MessagesOf<TeamAssigned>().Distinct().ShouldHaveSingleItem();
        letter.Revision.ShouldBe(2);
        letter.LetterNumber.ShouldNotBe(first.LetterNumber);
        (await Host.InvokeMessageAndWaitAsync(accepted)).Sent.MessagesOf<TeamAssigned>().ShouldBeEmpty(); // a redelivery
        view = await Scenarios.GetAsync(Host, id);
        (view.Team!.Revision, view.Team.LetterNumber, view.Team.Members.Count, view.PendingTeamChange).ShouldBe((2, letter.LetterNumber, 3, (TeamChangeProposal?)null));
    }

    [Fact]
    public async Task a_reissue_delivery_refuses_keeps_the_team_and_locks_it()
    {
        var id = await Scenarios.OpenCaseAsync(Host);
        await Host.PostAsync($"/analyses/{id}/result", Scenarios.Kasi, 204, Scenarios.Analysis);
        await Host.PostAsync($"/analyses/{id}/team", Scenarios.Kasi, 200, Scenarios.Team());
        await Host.PostAsync($"/analyses/{id}/team", Scenarios.Kasi, 202, Scenarios.Team());
        await Host.InvokeMessageAndWaitAsync(new TeamChangeRefused(id, "SPBE/2026/00001", "DINKES", DateTimeOffset.UtcNow,
            new Actor("kasi-01", "Kasi", Roles.KasiAplikasi, null), 2, "The work has started"));
        var view = await Scenarios.GetAsync(Host, id);
        (view.Team!.Revision, view.WorkStarted, view.PendingTeamChange).ShouldBe((1, true, (TeamChangeProposal?)null));
        (await (await Host.PostAsync($"/analyses/{id}/team", Scenarios.Kasi, 409, Scenarios.Team())).ReadAsTextAsync()).ShouldContain("started");
    }

    [Fact]
    public async Task the_team_is_locked_once_delivery_reports_the_work_started()
    {
        var id = await Scenarios.OpenCaseAsync(Host);
        await Host.PostAsync($"/analyses/{id}/result", Scenarios.Kasi, 204, Scenarios.Analysis);
        await Host.PostAsync($"/analyses/{id}/team", Scenarios.Kasi, 200, Scenarios.Team());
        await Host.InvokeMessageAndWaitAsync(new WorkStarted(id, "SPBE/2026/00001", "DINKES", DateTimeOffset.UtcNow,
            new Actor("prog", "Budi", Roles.Programmer, Scenarios.LeadNip), 1));
        var refused = await Host.PostAsync($"/analyses/{id}/team", Scenarios.Kasi, 409, Scenarios.Team());
        (await refused.ReadAsTextAsync()).ShouldContain("started");
    }

    private static readonly Actor Clerk = new("clerk", "Siti", Roles.Opd, null, "DINKES");

    [Fact]
    public async Task a_withdrawal_asked_before_a_team_closes_the_case_publishes_request_withdrawn_and_commands_on_it_are_409()
    {
        var id = await Scenarios.OpenCaseAsync(Host);
        var tracked = await Host.InvokeMessageAndWaitAsync(new WithdrawalRequested(id, "SPBE/2026/00001", "DINKES", DateTimeOffset.UtcNow,
            Clerk, "Anggaran dialihkan", Scenarios.Registered(id)));
        tracked.Sent.MessagesOf<RequestWithdrawn>().Distinct().ShouldHaveSingleItem().Reason.ShouldBe("Anggaran dialihkan");
        (await Scenarios.GetAsync(Host, id)).Status.ShouldBe(CaseStatus.Closed);
        await Host.PostAsync($"/analyses/{id}/result", Scenarios.Kasi, 409, Scenarios.Analysis);
        await Host.PostAsync($"/analyses/{id}/reject", Scenarios.Kasi, 409, new { reason = "x" });
    }

    [Fact]
    public async Task a_withdrawal_asked_after_the_team_is_refused_and_the_team_stays()
    {
        var id = await Scenarios.OpenCaseAsync(Host);
        await Host.PostAsync($"/analyses/{id}/result", Scenarios.Kasi, 204, Scenarios.Analysis);
        await Host.PostAsync($"/analyses/{id}/team", Scenarios.Kasi, 200, Scenarios.Team());
        var asked = DateTimeOffset.UtcNow;
        var tracked = await Host.InvokeMessageAndWaitAsync(new WithdrawalRequested(id, "SPBE/2026/00001", "DINKES", asked, Clerk, "terlambat", Scenarios.Registered(id)));
        tracked.Sent.MessagesOf<WithdrawalRefused>().Distinct().ShouldHaveSingleItem().RequestedAt.ShouldBe(asked);
        tracked.Sent.MessagesOf<RequestWithdrawn>().ShouldBeEmpty();
        (await Scenarios.GetAsync(Host, id)).Status.ShouldBe(CaseStatus.Assigned);
    }

    [Fact]
    public async Task a_withdrawal_that_overtook_the_registration_opens_and_closes_the_case_and_the_late_registration_changes_nothing()
    {
        var registered = Scenarios.Registered();
        var tracked = await Host.InvokeMessageAndWaitAsync(new WithdrawalRequested(registered.RequestId, registered.RequestNumber, "DINKES",
            registered.OccurredAt.AddSeconds(1), Clerk, "Batal", registered));
        tracked.Sent.MessagesOf<RequestWithdrawn>().Distinct().ShouldHaveSingleItem();
        await Host.InvokeMessageAndWaitAsync(registered);
        (await Scenarios.GetAsync(Host, registered.RequestId)).Status.ShouldBe(CaseStatus.Closed);
        await using var session = fixture.Store.QuerySession();
        (await session.Events.FetchStreamAsync(registered.RequestId)).Select(e => e.Data.GetType()).ShouldBe([typeof(CaseOpened), typeof(CaseClosed)]);
    }

    [Fact]
    public async Task only_the_kasi_may_decide_and_the_opd_may_not_read()
    {
        var id = await Scenarios.OpenCaseAsync(Host);
        foreach (var role in new[] { Roles.StafIt, Roles.Auditor, Roles.Opd, Roles.Programmer })
            await Host.PostAsync($"/analyses/{id}/result", TestTokens.For(role), 403, Scenarios.Analysis);
        await Host.Scenario(s => { s.Get.Url($"/analyses/{id}"); s.As(Scenarios.Opd); s.StatusCodeShouldBe(403); });
        await Host.Scenario(s => { s.Get.Url($"/analyses/{id}"); s.StatusCodeShouldBe(401); });
        await Host.Scenario(s => { s.Get.Url($"/analyses/{id}/history"); s.As(Scenarios.Auditor); s.StatusCodeShouldBeOk(); });
    }

    [Fact]
    public async Task a_stale_if_match_is_412()
    {
        var id = await Scenarios.OpenCaseAsync(Host);
        await Host.PostAsync($"/analyses/{id}/result", Scenarios.Kasi, 412, Scenarios.Analysis, ifMatch: "\"7\"");
        await Host.PostAsync($"/analyses/{id}/result", Scenarios.Kasi, 204, Scenarios.Analysis, ifMatch: "\"1\"");
    }

    [Fact]
    public async Task an_invalid_analysis_is_400_naming_the_fields_and_writes_nothing()
    {
        var id = await Scenarios.OpenCaseAsync(Host);
        var result = await Host.PostAsync($"/analyses/{id}/result", Scenarios.Kasi, 400,
            new { summary = "", feasibility = "maybe", estimatedEffortDays = 0, requiredRoles = new[] { "wizard" } });
        foreach (var field in new[] { "summary", "scope", "feasibility", "approach", "estimatedEffortDays", "requiredRoles[0]" })
            await result.ShouldNameField(field);
        (await Scenarios.GetAsync(Host, id)).Version.ShouldBe(1);
    }

    [Fact]
    public async Task the_inbox_lists_open_cases_by_due_time_and_marks_the_overdue()
    {
        var old = await Scenarios.OpenCaseAsync(Host, DateTimeOffset.UtcNow.AddDays(-10));
        var fresh = await Scenarios.OpenCaseAsync(Host);
        var result = await Host.Scenario(s => { s.Get.Url("/analyses?status=pending"); s.As(Scenarios.Kasi); s.StatusCodeShouldBeOk(); });
        var page = (await result.ReadAsJsonAsync<Spbe.ServiceDefaults.ListPage<GettingCase.CaseView>>())!;
        var ids = page.Items.Select(c => c.Id).ToList();
        ids.IndexOf(old).ShouldBeLessThan(ids.IndexOf(fresh));
        page.Items.Single(c => c.Id == old).Overdue.ShouldBeTrue();
        page.Items.Single(c => c.Id == fresh).Overdue.ShouldBeFalse();
        await Host.Scenario(s => { s.Get.Url("/analyses?status=lost"); s.As(Scenarios.Kasi); s.StatusCodeShouldBe(400); });
    }
}
