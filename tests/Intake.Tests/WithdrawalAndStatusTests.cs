using Alba;
using Marten;
using Shouldly;
using Spbe.Contracts;
using Spbe.Testing;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace Spbe.Intake.Tests;

public sealed class WithdrawalAndStatusTests(IntakeFixture fixture) : IClassFixture<IntakeFixture>
{
    private IAlbaHost Host => fixture.Host;
    private static readonly Actor Kasi = new("kasi-01", "Kasi Aplikasi", Roles.KasiAplikasi, TestTokens.SampleNip);

    private static TeamAssigned TeamAssignedFor(Guid id, string number, DateTimeOffset at) => new(
        id, number, "DINKES", at, Kasi, "800/1/Diskominfotik-2026", TestTokens.SampleNip,
        [new TeamMember(TestTokens.SampleNip, "Budi", Roles.Programmer)],
        new Schedule(new(2026, 3, 2), new(2026, 3, 6), new(2026, 3, 9), new(2026, 3, 10), new(2026, 3, 11)),
        "Perbaiki modul laporan", "Perbaikan SIMPUS", 1);

    /// <summary>A registered request and its register number (the view shows the number registration gave).</summary>
    private async Task<(Guid Id, string Number)> RegisteredRequest()
    {
        var request = await Scenarios.CompleteRequestAsync(Host);
        var number = await Scenarios.RegisterAsync(Host, request.Id);
        (await Scenarios.GetAsync(Host, request.Id)).Number.ShouldBe(number);
        return (request.Id, number);
    }

    private async Task Deliver(object message) =>
        await Host.ExecuteAndWaitAsync(c => c.InvokeAsync(message));

    [Fact]
    public async Task the_opd_withdraws_before_registration_and_request_withdrawn_is_published()
    {
        var request = await Scenarios.CompleteRequestAsync(Host);
        var tracked = await Host.ExecuteAndWaitAsync(() =>
            Host.PostAsync($"/requests/{request.Id}/withdraw", Scenarios.Opd, 204, new { reason = "Anggaran dialihkan" }));
        tracked.Sent.MessagesOf<RequestWithdrawn>().Distinct().ShouldHaveSingleItem().Reason.ShouldBe("Anggaran dialihkan");
        var view = await Scenarios.GetAsync(Host, request.Id);
        view.Status.ShouldBe(RequestStatus.Withdrawn);
        view.ClosingReason.ShouldBe("Anggaran dialihkan");
    }

    private static readonly Actor Clerk = new("clerk-dinkes", "Siti (Dinkes)", Roles.Opd, null, "DINKES");

    /// <summary>A registered request whose withdrawal was asked of Assignment (202), and the message that asked.</summary>
    private async Task<(Guid Id, string Number, WithdrawalRequested Asked)> WithdrawalAskedAsync()
    {
        var (id, number) = await RegisteredRequest();
        IScenarioResult? answer = null;
        var tracked = await Host.ExecuteAndWaitAsync(async () =>
            answer = await Host.PostAsync($"/requests/{id}/withdraw", Scenarios.Opd, 202, new { reason = "Anggaran dialihkan" }));
        answer!.Context.Response.Headers.Location.ToString().ShouldBe($"/requests/{id}");
        (await Scenarios.GetAsync(Host, id, Scenarios.Opd)).Status.ShouldBe(RequestStatus.WithdrawalRequested);
        tracked.Sent.MessagesOf<RequestWithdrawn>().ShouldBeEmpty();
        var asked = tracked.Sent.MessagesOf<WithdrawalRequested>().Distinct().ShouldHaveSingleItem();
        return (id, number, asked);
    }

    [Fact]
    public async Task after_registration_a_withdrawal_is_asked_of_assignment_202_and_shows_withdrawal_requested_until_it_answers()
    {
        var (id, number, asked) = await WithdrawalAskedAsync();
        (asked.Reason, asked.RequestNumber, asked.Registration.RequestNumber, asked.Registration.Title).ShouldBe(("Anggaran dialihkan", number, number, "Perbaikan SIMPUS"));
        (await Scenarios.GetAsync(Host, id, Scenarios.Opd)).Status.ShouldBe(RequestStatus.WithdrawalRequested);
        // One question at a time.
        await Host.PostAsync($"/requests/{id}/withdraw", Scenarios.Opd, 409, new { reason = "lagi" });

        await Deliver(new RequestWithdrawn(id, number, "DINKES", DateTimeOffset.UtcNow, Clerk, "Anggaran dialihkan"));
        var view = await Scenarios.GetAsync(Host, id, Scenarios.Opd);
        (view.Status, view.ClosingReason).ShouldBe((RequestStatus.Withdrawn, "Anggaran dialihkan"));
    }

    [Fact]
    public async Task a_refused_withdrawal_goes_on_where_the_others_took_the_request_meanwhile()
    {
        var (id, number, asked) = await WithdrawalAskedAsync();
        // The team was assigned before Assignment saw the withdrawal: its news arrives while the withdrawal is pending.
        await Deliver(TeamAssignedFor(id, number, asked.OccurredAt.AddMilliseconds(-5)));
        (await Scenarios.GetAsync(Host, id)).Status.ShouldBe(RequestStatus.WithdrawalRequested);

        // A refusal of some other (older) question changes nothing; the answer to this one does.
        await Deliver(new WithdrawalRefused(id, number, "DINKES", DateTimeOffset.UtcNow, Clerk, "terlambat", asked.OccurredAt.AddSeconds(-30)));
        (await Scenarios.GetAsync(Host, id)).Status.ShouldBe(RequestStatus.WithdrawalRequested);
        await Deliver(new WithdrawalRefused(id, number, "DINKES", DateTimeOffset.UtcNow, Clerk, "A team was assigned", asked.OccurredAt));
        (await Scenarios.GetAsync(Host, id)).Status.ShouldBe(RequestStatus.TeamAssigned);
        await Host.PostAsync($"/requests/{id}/withdraw", Scenarios.Opd, 409, new { reason = "lagi" });
    }

    [Fact]
    public async Task a_refused_withdrawal_before_any_other_news_returns_the_request_to_registered_and_a_rejection_closes_a_pending_one()
    {
        var (id, number, asked) = await WithdrawalAskedAsync();
        await Deliver(new WithdrawalRefused(id, number, "DINKES", DateTimeOffset.UtcNow, Clerk, "rejected", asked.OccurredAt));
        (await Scenarios.GetAsync(Host, id)).Status.ShouldBe(RequestStatus.Registered);

        var (other, otherNumber, _) = await WithdrawalAskedAsync();
        await Deliver(new RequestRejected(other, otherNumber, "DINKES", DateTimeOffset.UtcNow, Kasi, "Bukan kewenangan"));
        (await Scenarios.GetAsync(Host, other)).Status.ShouldBe(RequestStatus.Rejected);
    }

    [Fact]
    public async Task withdrawal_after_the_team_is_assigned_is_409()
    {
        var (id, number) = await RegisteredRequest();
        await Deliver(TeamAssignedFor(id, number, DateTimeOffset.UtcNow));

        var result = await Host.PostAsync($"/requests/{id}/withdraw", Scenarios.Opd, 409, new { reason = "terlambat" });
        (await result.ReadAsTextAsync()).ShouldContain("team");
    }

    [Fact]
    public async Task withdrawal_needs_a_reason()
    {
        var (id, _) = await RegisteredRequest();
        await (await Host.PostAsync($"/requests/{id}/withdraw", Scenarios.Opd, 400, new { reason = " " })).ShouldNameField("reason");
    }

    [Fact]
    public async Task the_status_follows_the_other_services_messages_through_rework_to_completion()
    {
        var (id, number) = await RegisteredRequest();
        var t = DateTimeOffset.UtcNow;
        var programmer = new Actor("prog-1", "Budi", Roles.Programmer, TestTokens.SampleNip);
        var security = new Actor("sec-1", "Rina", Roles.AppSecurity, TestTokens.SampleNip);
        var owner = new Actor("clerk-dinkes", "Siti", Roles.Opd, null, "DINKES");

        async Task Expect(object message, RequestStatus status)
        {
            await Deliver(message);
            (await Scenarios.GetAsync(Host, id, Scenarios.Opd)).Status.ShouldBe(status);
        }

        await Expect(TeamAssignedFor(id, number, t.AddMinutes(1)), RequestStatus.TeamAssigned);
        await Expect(new WorkStarted(id, number, "DINKES", t.AddMinutes(2), programmer, 1), RequestStatus.InProgress);
        await Expect(new ExecutionReported(id, number, "DINKES", t.AddMinutes(3), programmer, 1, "done"), RequestStatus.InternalCheck);
        await Expect(new InternalCheckCompleted(id, number, "DINKES", t.AddMinutes(4), security, 1, false,
            [new Finding("high", "SQL injection")], "BA/1"), RequestStatus.InProgress);
        await Expect(new ExecutionReported(id, number, "DINKES", t.AddMinutes(5), programmer, 2, "fixed"), RequestStatus.InternalCheck);
        await Expect(new InternalCheckCompleted(id, number, "DINKES", t.AddMinutes(6), security, 2, true, [], "BA/2"), RequestStatus.OwnerCheck);
        await Expect(new OwnerCheckCompleted(id, number, "DINKES", t.AddMinutes(7), owner, 2, true, [], "BA/3"), RequestStatus.Handover);
        await Expect(new RequestHandedOver(id, number, "DINKES", t.AddMinutes(8), Kasi,
            new Person(TestTokens.SampleNip, "Kasi"), new Person(TestTokens.SampleNip, "dr. Andi"), "BA/4"), RequestStatus.Completed);
    }

    [Fact]
    public async Task a_rejection_closes_the_request_with_its_reason()
    {
        var (id, number) = await RegisteredRequest();
        await Deliver(new RequestRejected(id, number, "DINKES", DateTimeOffset.UtcNow, Kasi, "Bukan kewenangan Diskominfotik"));
        var view = await Scenarios.GetAsync(Host, id, Scenarios.Opd);
        view.Status.ShouldBe(RequestStatus.Rejected);
        view.ClosingReason.ShouldBe("Bukan kewenangan Diskominfotik");
    }

    [Fact]
    public async Task a_duplicate_integration_message_changes_nothing_the_second_time()
    {
        var (id, number) = await RegisteredRequest();
        var message = TeamAssignedFor(id, number, DateTimeOffset.UtcNow);
        await Deliver(message);
        var version = (await Scenarios.GetAsync(Host, id)).Version;

        await Deliver(message);
        await Deliver(message with { }); // an equal copy, as a redelivery would be
        (await Scenarios.GetAsync(Host, id)).Version.ShouldBe(version);
    }

    [Fact]
    public async Task a_message_older_than_the_last_change_does_not_move_the_status_back()
    {
        var (id, number) = await RegisteredRequest();
        var t = DateTimeOffset.UtcNow;
        var programmer = new Actor("prog-1", "Budi", Roles.Programmer);
        await Deliver(new WorkStarted(id, number, "DINKES", t.AddMinutes(2), programmer, 1));
        await Deliver(TeamAssignedFor(id, number, t.AddMinutes(1))); // arrives late
        (await Scenarios.GetAsync(Host, id)).Status.ShouldBe(RequestStatus.InProgress);
    }

    [Fact]
    public async Task the_request_arrives_through_the_postgresql_queue_like_any_other_message()
    {
        var (id, number) = await RegisteredRequest();
        // Published (not invoked): through Intake's own queue table, as another service's message would come.
        await Host.MessageBus().PublishAsync(TeamAssignedFor(id, number, DateTimeOffset.UtcNow));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await Scenarios.GetAsync(Host, id)).Status != RequestStatus.TeamAssigned && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        (await Scenarios.GetAsync(Host, id)).Status.ShouldBe(RequestStatus.TeamAssigned);
    }
}
