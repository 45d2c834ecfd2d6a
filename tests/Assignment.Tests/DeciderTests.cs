using Shouldly;
using Spbe.Assignment.Analysing;
using Spbe.Assignment.AssigningTeam;
using Spbe.Assignment.FollowingOthers;
using Spbe.Assignment.Opening;
using Spbe.Assignment.Rejecting;
using Spbe.Assignment.Withdrawing;
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
    public void a_team_issues_the_surat_tugas_with_revision_one_and_a_reissue_is_asked_of_delivery_without_a_letter()
    {
        var first = AssignTeam.Decide(Analysed(), "800/001/ST", Scenarios.LeadNip, Members, Schedule, Kasi, Now).ShouldBeOfType<Decision.Accepted>();
        var message = first.Messages.ShouldHaveSingleItem().ShouldBeOfType<TeamAssigned>();
        message.Revision.ShouldBe(1);
        message.AnalysisSummary.ShouldBe(Result.Summary);

        // Whether the work started is Delivery's to say: a reissue is a question to it, with no letter number yet.
        AssignTeam.Decide(Assigned(), "800/002/ST", Scenarios.LeadNip, Members, Schedule, Kasi, Now).ShouldBeOfType<Decision.Refused>();
        var proposed = AssignTeam.Propose(Assigned(), Scenarios.LeadNip, Members, Schedule, Kasi, Now).ShouldBeOfType<Decision.Accepted>();
        proposed.Events.ShouldHaveSingleItem().ShouldBeOfType<TeamChangeProposed>().Proposal.Revision.ShouldBe(2);
        var asked = proposed.Messages.ShouldHaveSingleItem().ShouldBeOfType<TeamChangeRequested>();
        asked.Revision.ShouldBe(2);
        asked.AnalysisSummary.ShouldBe(Result.Summary);
    }

    [Fact]
    public void a_reissue_waiting_for_delivery_refuses_another_and_the_answer_issues_or_drops_it_once()
    {
        var pending = Pending(proposedRevision: 2);
        AssignTeam.Propose(pending, Scenarios.LeadNip, Members, Schedule, Kasi, Now).ShouldBeOfType<Decision.Refused>().Reason.ShouldContain("waiting for Delivery");

        var accepted = new TeamChangeAccepted(pending.Id, "n", "DINKES", Now, Kasi, 2);
        var (events, messages) = ReissueAnswerHandler.Decide(pending, accepted, "800/007/ST", Now);
        events.ShouldHaveSingleItem().ShouldBeOfType<TeamAssignedToCase>().Letter.Revision.ShouldBe(2);
        var letter = messages.ShouldHaveSingleItem().ShouldBeOfType<TeamAssigned>();
        (letter.Revision, letter.LetterNumber).ShouldBe((2, "800/007/ST"));
        var issued = pending.Apply((TeamAssignedToCase)events[0]);
        issued.PendingTeamChange.ShouldBeNull();
        ReissueAnswerHandler.Decide(issued, accepted, "800/008/ST", Now).Events.ShouldBeEmpty(); // a redelivery

        var refused = new TeamChangeRefused(pending.Id, "n", "DINKES", Now, Kasi, 2, "started");
        var declined = ReissueAnswerHandler.Decide(pending, refused).ShouldHaveSingleItem().ShouldBeOfType<TeamChangeDeclined>();
        var kept = pending.Apply(declined);
        (kept.Team!.Revision, kept.WorkStarted, kept.PendingTeamChange).ShouldBe((1, true, (TeamChangeProposal?)null));
        ReissueAnswerHandler.Decide(kept, refused).ShouldBeEmpty();
    }

    private static AnalysisCase Pending(int proposedRevision) =>
        Assigned().Apply(new TeamChangeProposed(Guid.Empty, new TeamChangeProposal(Scenarios.LeadNip, Members, Schedule, proposedRevision, Kasi, Now), Kasi, Now));

    [Fact]
    public void the_team_is_locked_once_work_has_started() =>
        AssignTeam.Propose(Assigned(workStarted: true), Scenarios.LeadNip, Members, Schedule, Kasi, Now)
            .ShouldBeOfType<Decision.Refused>().Reason.ShouldContain("started");

    private static WithdrawalRequested WithdrawalAsked(AnalysisCase c) =>
        new(c.Id, c.Request.Number, "DINKES", Now, Clerk, "tidak jadi", Scenarios.Registered(c.Id, Now));

    private static readonly Actor Clerk = new("clerk", "Siti", Roles.Opd, null, "DINKES");

    [Fact]
    public void a_withdrawal_asked_before_a_team_closes_the_case_and_tells_the_others_and_a_redelivery_changes_nothing()
    {
        var (events, messages) = WithdrawalRequestHandler.Decide(Analysed(), WithdrawalAsked(Analysed()), Now);
        var closed = Analysed().Apply(events.ShouldHaveSingleItem().ShouldBeOfType<CaseClosed>());
        var withdrawn = messages.ShouldHaveSingleItem().ShouldBeOfType<RequestWithdrawn>();
        (withdrawn.Actor, withdrawn.Reason, withdrawn.RequestNumber).ShouldBe((Clerk, "tidak jadi", "SPBE/2026/00001"));
        WithdrawalRequestHandler.Decide(closed, WithdrawalAsked(closed), Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void a_withdrawal_asked_after_the_team_or_a_rejection_is_refused_with_the_reason()
    {
        var afterTeam = WithdrawalRequestHandler.Decide(Assigned(), WithdrawalAsked(Assigned()), Now);
        afterTeam.Events.ShouldHaveSingleItem().ShouldBeOfType<WithdrawalRefusedByCase>();
        var refused = afterTeam.Messages.ShouldHaveSingleItem().ShouldBeOfType<WithdrawalRefused>();
        refused.Reason.ShouldContain("team was assigned");
        refused.RequestedAt.ShouldBe(Now);

        var rejected = Analysed().Apply(new CaseRejected(Guid.Empty, "Bukan kewenangan", Kasi, Now));
        WithdrawalRequestHandler.Decide(rejected, WithdrawalAsked(rejected), Now).Messages.ShouldHaveSingleItem()
            .ShouldBeOfType<WithdrawalRefused>().Reason.ShouldContain("rejected");
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

    [Fact]
    public void one_person_named_as_executor_and_as_app_security_is_refused_so_no_one_checks_their_own_work() =>
        TeamComposition.Problems([(Scenarios.LeadNip, Roles.Programmer), (Scenarios.LeadNip, Roles.AppSecurity)], Scenarios.LeadNip)
            .ShouldHaveSingleItem().Reason.ShouldContain($"NIP {Scenarios.LeadNip} is named more than once");
}
