using Shouldly;
using Spbe.Assignment.Analysing;
using Spbe.Assignment.AssigningTeam;
using Spbe.Assignment.FollowingOthers;
using Spbe.Assignment.Opening;
using Spbe.Assignment.Rejecting;
using Spbe.Contracts;
using Spbe.Sop;
using Xunit;

namespace Spbe.Assignment.Tests;

/// <summary>Assignment's decisions as pure functions of (command, state, now), no host.</summary>
public sealed class DeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero); // Friday 15:00 WIB
    private static readonly Actor Kasi = new("kasi-01", "Kasi", Roles.KasiAplikasi, Scenarios.LeadNip);
    private static readonly AnalysisResult Result = new("s", "scope", Feasibility.Feasible, "a", 3, [], [Roles.Programmer]);
    private static readonly IReadOnlyList<TeamMember> Members =
        [new(Scenarios.LeadNip, "Budi", Roles.Programmer), new(Scenarios.SecurityNip, "Rina", Roles.AppSecurity)];
    private static readonly Schedule Schedule = new(new(2026, 12, 1), new(2026, 12, 8), new(2026, 12, 10), new(2026, 12, 14), new(2026, 12, 15));

    private static AnalysisCase Pending() => AnalysisCase.Create(OpenCaseHandler.Decide(Scenarios.Registered(at: Now), Scenarios.Calendar));
    private static AnalysisCase Analysed() => Pending().Apply(new AnalysisRecorded(Guid.Empty, Result, Kasi, Now));
    private static AnalysisCase Assigned(bool workStarted = false)
    {
        var c = Analysed().Apply(new TeamAssignedToCase(Guid.Empty, new SuratTugas("800/001/ST", Scenarios.LeadNip, Members, Schedule, 1), Kasi, Now));
        return workStarted ? c.Apply(new WorkStartNoted(c.Id, Kasi, Now)) : c;
    }

    [Fact]
    public void a_registration_opens_a_case_due_one_working_day_later_across_the_weekend()
    {
        var opened = OpenCaseHandler.Decide(Scenarios.Registered(at: Now), Scenarios.Calendar);
        opened.DueAt.ShouldBe(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.FromHours(7)));
        opened.Request.RegisteredAt.ShouldBe(Now);
    }

    [Fact]
    public void the_analysis_is_recorded_until_a_team_is_assigned()
    {
        RecordAnalysis.Decide(Pending(), Result, Kasi, Now).ShouldBeOfType<Decision.Accepted>().Events.ShouldHaveSingleItem().ShouldBeOfType<AnalysisRecorded>();
        RecordAnalysis.Decide(Analysed(), Result, Kasi, Now).ShouldBeOfType<Decision.Accepted>();
        RecordAnalysis.Decide(Assigned(), Result, Kasi, Now).ShouldBeOfType<Decision.Refused>().Reason.ShouldContain("assigned");
    }

    [Fact]
    public void a_rejection_closes_the_case_and_tells_the_others_why()
    {
        var accepted = Reject.Decide(Analysed(), "Bukan kewenangan", Kasi, Now).ShouldBeOfType<Decision.Accepted>();
        accepted.Events.ShouldHaveSingleItem().ShouldBeOfType<CaseRejected>().Reason.ShouldBe("Bukan kewenangan");
        accepted.Messages.ShouldHaveSingleItem().ShouldBeOfType<RequestRejected>().RequestNumber.ShouldBe("SPBE/2026/00001");
        Reject.Decide(Assigned(), "x", Kasi, Now).ShouldBeOfType<Decision.Refused>();
    }

    [Fact]
    public void a_team_needs_the_analysis_first()
    {
        AssignTeam.Decide(Pending(), "800/001/ST", Scenarios.LeadNip, Members, Schedule, Kasi, Now)
            .ShouldBeOfType<Decision.Refused>().Reason.ShouldContain("analysis result");
    }

    [Fact]
    public void a_team_issues_the_surat_tugas_with_revision_one_and_reissuing_it_raises_the_revision()
    {
        var first = AssignTeam.Decide(Analysed(), "800/001/ST", Scenarios.LeadNip, Members, Schedule, Kasi, Now).ShouldBeOfType<Decision.Accepted>();
        var message = first.Messages.ShouldHaveSingleItem().ShouldBeOfType<TeamAssigned>();
        message.Revision.ShouldBe(1);
        message.AnalysisSummary.ShouldBe(Result.Summary);
        AssignTeam.Decide(Assigned(), "800/002/ST", Scenarios.LeadNip, Members, Schedule, Kasi, Now)
            .ShouldBeOfType<Decision.Accepted>().Messages.ShouldHaveSingleItem().ShouldBeOfType<TeamAssigned>().Revision.ShouldBe(2);
    }

    [Fact]
    public void the_team_is_locked_once_work_has_started() =>
        AssignTeam.Decide(Assigned(workStarted: true), "800/002/ST", Scenarios.LeadNip, Members, Schedule, Kasi, Now)
            .ShouldBeOfType<Decision.Refused>().Reason.ShouldContain("started");

    [Fact]
    public void a_withdrawal_closes_an_open_case_and_a_redelivery_changes_nothing()
    {
        var withdrawn = new RequestWithdrawn(Guid.NewGuid(), "n", "DINKES", Now, Kasi, "tidak jadi");
        FollowOthersHandler.Decide(Analysed(), withdrawn).ShouldHaveSingleItem().ShouldBeOfType<CaseClosed>();
        var closed = Analysed().Apply(new CaseClosed(Guid.Empty, "x", Kasi, Now));
        FollowOthersHandler.Decide(closed, withdrawn).ShouldBeEmpty();
        FollowOthersHandler.Decide(null, withdrawn).ShouldBeEmpty();
        // Withdrawn before registration: no register number, and no case here to close.
        FollowOthersHandler.Decide(null, new RequestWithdrawn(Guid.NewGuid(), null, "DINKES", Now, Kasi, "tidak jadi", "K7M2Q9XP")).ShouldBeEmpty();
    }

    [Fact]
    public void the_first_start_of_work_locks_the_team_once()
    {
        var started = new WorkStarted(Guid.NewGuid(), "n", "DINKES", Now, Kasi, 1);
        FollowOthersHandler.Decide(Assigned(), started).ShouldHaveSingleItem().ShouldBeOfType<WorkStartNoted>();
        FollowOthersHandler.Decide(Assigned(workStarted: true), started).ShouldBeEmpty();
        FollowOthersHandler.Decide(Analysed(), started).ShouldBeEmpty();
    }

    [Fact]
    public void a_team_of_an_executor_and_an_app_security_member_led_by_one_of_them_breaks_no_rule() =>
        TeamComposition.Problems([(Scenarios.LeadNip, Roles.Programmer), (Scenarios.SecurityNip, Roles.AppSecurity)], Scenarios.LeadNip).ShouldBeEmpty();

    [Fact]
    public void a_team_without_an_executor_without_app_security_and_led_by_an_outsider_breaks_each_rule()
    {
        TeamComposition.Problems([(Scenarios.SecurityNip, Roles.AppSecurity)], Scenarios.SecurityNip)
            .ShouldHaveSingleItem().Reason.ShouldContain("executor");
        TeamComposition.Problems([(Scenarios.LeadNip, Roles.Its)], Scenarios.LeadNip)
            .ShouldHaveSingleItem().Reason.ShouldContain("app-security");
        TeamComposition.Problems([(Scenarios.LeadNip, Roles.StafIt), (Scenarios.SecurityNip, Roles.AppSecurity)], "199205102018011003")
            .ShouldHaveSingleItem().Field.ShouldBe("lead");
    }

    [Fact]
    public void no_members_at_all_is_left_to_the_form_but_the_lead_must_still_be_one_of_them() =>
        TeamComposition.Problems([], Scenarios.LeadNip).ShouldHaveSingleItem().Field.ShouldBe("lead");
}
