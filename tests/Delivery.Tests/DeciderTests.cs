using Shouldly;
using Spbe.Contracts;
using Spbe.Delivery.Checking;
using Spbe.Delivery.Executing;
using Spbe.Delivery.HandingOver;
using Spbe.Delivery.Opening;
using Spbe.Sop;
using Xunit;

namespace Spbe.Delivery.Tests;

/// <summary>Delivery's decisions as pure functions of (command, state, now), no host.</summary>
public sealed class DeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly Actor Budi = new("prog-1", "Budi", Roles.Programmer, Scenarios.ProgrammerNip);
    private static readonly Actor Rina = new("sec-1", "Rina", Roles.AppSecurity, Scenarios.SecurityNip);
    private static readonly Actor Siti = new("clerk-dinkes", "Siti", Roles.Opd, null, "DINKES");
    private static readonly Actor Kasi = new("kasi-01", "Kasi", Roles.KasiAplikasi);
    private static readonly ExecutionReport Report = new("Modul diperbaiki", "Query", null);
    private static readonly IReadOnlyList<Finding> Injection = [new("high", "SQL injection di filter")];
    private static readonly Person By = new("198503122010011001", "Kasi Aplikasi"), To = new("197806152005012001", "dr. Andi");

    private static WorkOrder Opened(TeamAssigned? m = null) =>
        WorkOrder.Create((WorkOrderOpened)OpenWorkOrderHandler.Decide(null, m ?? Scenarios.Assigned()).ShouldHaveSingleItem());

    private static WorkOrder Apply(WorkOrder w, Decision d) =>
        ((Decision.Accepted)d).Events.Aggregate(w, (s, e) => e switch
        {
            ExecutionStarted x => s.Apply(x), ProgressRecorded x => s.Apply(x), ExecutionReportSubmitted x => s.Apply(x),
            InternalCheckRecorded x => s.Apply(x), OwnerCheckRecorded x => s.Apply(x), HandoverRecorded x => s.Apply(x),
            _ => throw new InvalidOperationException(e.GetType().Name),
        });

    private static WorkOrder InExecution() => Apply(Opened(), Start.Decide(Opened(), Budi, Now));
    private static WorkOrder InInternalCheck() => Apply(InExecution(), SubmitReport.Decide(InExecution(), Report, Budi, Now));
    private static WorkOrder InOwnerCheck() => Apply(InInternalCheck(), RecordInternalCheck.Decide(InInternalCheck(), true, [], "BA/0001", Rina, Now));
    private static WorkOrder InHandover() => Apply(InOwnerCheck(), RecordOwnerCheck.Decide(InOwnerCheck(), true, [], "BA/0002", Siti, Now));

    [Fact]
    public void a_surat_tugas_opens_the_work_order_awaiting_its_start()
    {
        var w = Opened();
        w.Status.ShouldBe(WorkOrderStatus.AwaitingStart);
        w.NextDue.ShouldBe(new DateOnly(2026, 12, 1));
        w.MemberNips.ShouldBe(new[] { Scenarios.ProgrammerNip, Scenarios.SecurityNip });
    }

    private static TeamChangeRequested Asked(int revision = 2) => new(Guid.NewGuid(), "SPBE/2026/00007", "DINKES", Now, Kasi,
        Scenarios.ProgrammerNip, Scenarios.Assigned().Members, Scenarios.Assigned().Schedule, "s", "t", revision);

    [Fact]
    public void delivery_accepts_a_reissue_before_the_work_starts_and_holds_the_start_until_its_letter_arrives()
    {
        var (events, messages) = TeamChangeRequestHandler.Decide(Opened(), Asked(), Now);
        var held = Opened().Apply(events.ShouldHaveSingleItem().ShouldBeOfType<TeamChangeHeld>());
        messages.ShouldHaveSingleItem().ShouldBeOfType<TeamChangeAccepted>().Revision.ShouldBe(2);
        held.HeldForRevision.ShouldBe(2);
        Start.Decide(held, Budi, Now).ShouldBeOfType<Decision.Refused>().Reason.ShouldContain("revision 2");
        TeamChangeRequestHandler.Decide(held, Asked(), Now).Events.ShouldBeEmpty(); // a redelivery

        var replaced = held.Apply(OpenWorkOrderHandler.Decide(held, Scenarios.Assigned(revision: 2)).ShouldHaveSingleItem().ShouldBeOfType<TeamReplaced>());
        (replaced.HeldForRevision, replaced.TeamRevision).ShouldBe(((int?)null, 2));
        Start.Decide(replaced, Budi, Now).ShouldBeOfType<Decision.Accepted>().Messages.ShouldHaveSingleItem()
            .ShouldBeOfType<WorkStarted>().TeamRevision.ShouldBe(2);
    }

    [Fact]
    public void delivery_refuses_a_reissue_once_the_work_started_and_answers_once()
    {
        var (events, messages) = TeamChangeRequestHandler.Decide(InExecution(), Asked(), Now);
        var refusedOnce = InExecution().Apply(events.ShouldHaveSingleItem().ShouldBeOfType<TeamChangeRefusedByWork>());
        messages.ShouldHaveSingleItem().ShouldBeOfType<TeamChangeRefused>().Reason.ShouldContain("started");
        TeamChangeRequestHandler.Decide(refusedOnce, Asked(), Now).Messages.ShouldBeEmpty();
    }

    [Fact]
    public void a_reissue_asked_before_the_first_letter_arrived_opens_the_work_order_held_and_the_late_first_letter_changes_nothing()
    {
        var (events, messages) = TeamChangeRequestHandler.Decide(null, Asked(), Now);
        events.Count.ShouldBe(2);
        var w = WorkOrder.Create(events[0].ShouldBeOfType<WorkOrderOpened>()).Apply(events[1].ShouldBeOfType<TeamChangeHeld>());
        messages.ShouldHaveSingleItem().ShouldBeOfType<TeamChangeAccepted>();
        (w.TeamRevision, w.HeldForRevision).ShouldBe((2, (int?)2));
        OpenWorkOrderHandler.Decide(w, Scenarios.Assigned(revision: 1)).ShouldBeEmpty();
        OpenWorkOrderHandler.Decide(w, Scenarios.Assigned(revision: 2)).ShouldHaveSingleItem().ShouldBeOfType<TeamReplaced>().LetterNumber.ShouldNotBeEmpty();
    }

    [Fact]
    public void a_reissued_surat_tugas_replaces_the_team_only_before_work_starts_and_only_when_newer()
    {
        OpenWorkOrderHandler.Decide(Opened(), Scenarios.Assigned(revision: 2)).ShouldHaveSingleItem().ShouldBeOfType<TeamReplaced>();
        OpenWorkOrderHandler.Decide(Opened(), Scenarios.Assigned(revision: 1)).ShouldBeEmpty();
        OpenWorkOrderHandler.Decide(InExecution(), Scenarios.Assigned(revision: 2)).ShouldBeEmpty();
    }

    [Fact]
    public void starting_emits_work_started_for_the_round_and_only_from_awaiting_start()
    {
        var accepted = Start.Decide(Opened(), Budi, Now).ShouldBeOfType<Decision.Accepted>();
        accepted.Messages.ShouldHaveSingleItem().ShouldBeOfType<WorkStarted>().Round.ShouldBe(1);
        Start.Decide(InExecution(), Budi, Now).ShouldBeOfType<Decision.Refused>().Reason.ShouldContain("in-execution");
    }

    [Fact]
    public void progress_is_noted_only_during_execution()
    {
        RecordProgress.Decide(InExecution(), "separuh", 50, Budi, Now).ShouldBeOfType<Decision.Accepted>().Messages.ShouldBeEmpty();
        RecordProgress.Decide(Opened(), "separuh", 50, Budi, Now).ShouldBeOfType<Decision.Refused>();
    }

    [Fact]
    public void a_report_before_the_start_is_refused_with_what_to_do()
    {
        SubmitReport.Decide(Opened(), Report, Budi, Now).ShouldBeOfType<Decision.Refused>().Reason.ShouldContain("start it before reporting");
        SubmitReport.Decide(InExecution(), Report, Budi, Now).ShouldBeOfType<Decision.Accepted>()
            .Messages.ShouldHaveSingleItem().ShouldBeOfType<ExecutionReported>().Summary.ShouldBe(Report.Summary);
    }

    [Fact]
    public void a_failed_internal_check_sends_the_work_back_as_a_new_round()
    {
        var decision = RecordInternalCheck.Decide(InInternalCheck(), false, Injection, "BA/0001", Rina, Now);
        decision.ShouldBeOfType<Decision.Accepted>().Messages.ShouldHaveSingleItem().ShouldBeOfType<InternalCheckCompleted>().Passed.ShouldBeFalse();
        var reworked = Apply(InInternalCheck(), decision);
        reworked.Status.ShouldBe(WorkOrderStatus.AwaitingStart);
        reworked.Rounds.Count.ShouldBe(2);
        reworked.Rounds[0].InternalCheck!.BeritaAcaraNumber.ShouldBe("BA/0001");
    }

    [Fact]
    public void the_internal_check_is_recorded_only_after_the_report() =>
        RecordInternalCheck.Decide(InExecution(), true, [], "BA/0001", Rina, Now).ShouldBeOfType<Decision.Refused>();

    [Fact]
    public void a_revision_requested_by_the_owner_sends_the_work_back_and_acceptance_opens_the_handover()
    {
        Apply(InOwnerCheck(), RecordOwnerCheck.Decide(InOwnerCheck(), false, Injection, "BA/0002", Siti, Now)).Rounds.Count.ShouldBe(2);
        InHandover().Status.ShouldBe(WorkOrderStatus.Handover);
        RecordOwnerCheck.Decide(InInternalCheck(), true, [], "BA/0002", Siti, Now).ShouldBeOfType<Decision.Refused>();
    }

    [Fact]
    public void the_handover_completes_the_work_order_and_is_refused_before_the_owner_accepts()
    {
        var decision = RecordHandover.Decide(InHandover(), By, To, null, "BA/0003", Kasi, Now);
        decision.ShouldBeOfType<Decision.Accepted>().Messages.ShouldHaveSingleItem().ShouldBeOfType<RequestHandedOver>().ReceivedBy.ShouldBe(To);
        Apply(InHandover(), decision).Status.ShouldBe(WorkOrderStatus.Completed);
        RecordHandover.Decide(InOwnerCheck(), By, To, null, "BA/0003", Kasi, Now).ShouldBeOfType<Decision.Refused>();
    }

    [Theory]
    [InlineData(Roles.AppSecurity, Scenarios.SecurityNip, Verdict.Allowed)]
    [InlineData(Roles.AppSecurity, Scenarios.OutsiderNip, Verdict.Forbidden)]   // app-security of another team
    [InlineData(Roles.Programmer, Scenarios.ProgrammerNip, Verdict.Forbidden)]  // on the team, but not its app-security member
    public void only_the_teams_app_security_member_may_record_the_internal_check(string role, string nip, Verdict expected) =>
        Access.Decide(new Caller([role], null, nip), Row("/work-orders/{id}/internal-check"), Opened()).ShouldBe(expected);

    [Theory]
    [InlineData(Roles.Opd, "BAPPEDA", null, Verdict.Hidden)]
    [InlineData(Roles.Opd, "DINKES", null, Verdict.Allowed)]
    [InlineData(Roles.Programmer, null, Scenarios.OutsiderNip, Verdict.Forbidden)]
    [InlineData(Roles.StafIt, null, Scenarios.OutsiderNip, Verdict.Allowed)]
    public void a_work_order_is_read_by_its_team_its_opd_and_the_oversight(string role, string? opd, string? nip, Verdict expected) =>
        Access.Decide(new Caller([role], opd, nip), Row("/work-orders/{id}"), Opened()).ShouldBe(expected);

    private static Permission Row(string path) => DeliveryPermissions.Rows.Single(p => p.Path == path && p.Method == (path == "/work-orders/{id}" ? "GET" : "POST"));
}
