using Alba;
using Marten;
using Shouldly;
using Spbe.Contracts;
using Spbe.Testing;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace Spbe.Delivery.Tests;

public sealed class DeliveryFlowTests(DeliveryFixture fixture) : IClassFixture<DeliveryFixture>
{
    private IAlbaHost Host => fixture.Host;

    private async Task<T> Sent<T>(Func<Task> action)
    {
        var tracked = await Host.ExecuteAndWaitAsync(action);
        return tracked.Sent.MessagesOf<T>().Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task the_straight_path_from_team_assigned_to_handover_publishes_every_message()
    {
        var id = await Scenarios.OpenAsync(Host);
        var opened = await Scenarios.GetAsync(Host, id, Scenarios.Programmer);
        opened.Status.ShouldBe(WorkOrderStatus.AwaitingStart);
        opened.Members.Count.ShouldBe(2);
        opened.Schedule.ExecutionDue.ShouldBe(new DateOnly(2026, 12, 8));

        var started = await Sent<WorkStarted>(() => Host.PostAsync($"/work-orders/{id}/start", Scenarios.Programmer, 204));
        started.Round.ShouldBe(1);
        started.Actor.Nip.ShouldBe(Scenarios.ProgrammerNip);

        await Host.PostAsync($"/work-orders/{id}/progress", Scenarios.Programmer, 204, new { note = "Query diperbaiki", percent = 60 });

        var reported = await Sent<ExecutionReported>(() => Host.PostAsync($"/work-orders/{id}/report", Scenarios.Programmer, 204, Scenarios.Report));
        reported.Summary.ShouldBe("Modul laporan diperbaiki");

        string? ba1 = null;
        var internalCheck = await Sent<InternalCheckCompleted>(async () =>
            ba1 = await Scenarios.BeritaAcaraOf(await Host.PostAsync($"/work-orders/{id}/internal-check", Scenarios.Security, 200, Scenarios.Passed)));
        internalCheck.Passed.ShouldBeTrue();
        internalCheck.BeritaAcaraNumber.ShouldBe(ba1);
        ba1!.ShouldMatch(@"^BA/\d{4}/Diskominfotik/\d{4}$");

        var ownerCheck = await Sent<OwnerCheckCompleted>(() => Host.PostAsync($"/work-orders/{id}/owner-check", Scenarios.Owner, 200, Scenarios.Accepted));
        ownerCheck.Accepted.ShouldBeTrue();
        ownerCheck.Actor.Opd.ShouldBe("DINKES");

        var handedOver = await Sent<RequestHandedOver>(() => Host.PostAsync($"/work-orders/{id}/handover", Scenarios.Kasi, 200, Scenarios.Handover));
        handedOver.ReceivedBy.Name.ShouldBe("dr. Andi");
        new[] { ba1, ownerCheck.BeritaAcaraNumber, handedOver.BeritaAcaraNumber }.Distinct().Count().ShouldBe(3);

        var done = await Scenarios.GetAsync(Host, id, Scenarios.Owner);
        done.Status.ShouldBe(WorkOrderStatus.Completed);
        done.Handover!.BeritaAcaraNumber.ShouldBe(handedOver.BeritaAcaraNumber);
        done.Rounds.ShouldHaveSingleItem().Progress.ShouldHaveSingleItem().Percent.ShouldBe(60);
    }

    [Fact]
    public async Task a_failed_internal_check_and_a_requested_revision_each_open_a_new_round_and_every_round_stays()
    {
        var id = await Scenarios.ToAsync(Host, WorkOrderStatus.InternalCheck);
        var failed = await Sent<InternalCheckCompleted>(() => Host.PostAsync($"/work-orders/{id}/internal-check", Scenarios.Security, 200, Scenarios.Failed));
        failed.Passed.ShouldBeFalse();
        failed.Round.ShouldBe(1);
        (await Scenarios.GetAsync(Host, id)).Status.ShouldBe(WorkOrderStatus.AwaitingStart);

        (await Sent<WorkStarted>(() => Host.PostAsync($"/work-orders/{id}/start", Scenarios.Programmer, 204))).Round.ShouldBe(2);
        await Host.PostAsync($"/work-orders/{id}/report", Scenarios.Programmer, 204, Scenarios.Report);
        await Host.PostAsync($"/work-orders/{id}/internal-check", Scenarios.Security, 200, Scenarios.Passed);
        var revision = await Sent<OwnerCheckCompleted>(() => Host.PostAsync($"/work-orders/{id}/owner-check", Scenarios.Owner, 200, Scenarios.Revision));
        revision.Accepted.ShouldBeFalse();
        revision.Round.ShouldBe(2);

        await Host.PostAsync($"/work-orders/{id}/start", Scenarios.Programmer, 204);
        await Host.PostAsync($"/work-orders/{id}/report", Scenarios.Programmer, 204, Scenarios.Report);
        await Host.PostAsync($"/work-orders/{id}/internal-check", Scenarios.Security, 200, Scenarios.Passed);
        await Host.PostAsync($"/work-orders/{id}/owner-check", Scenarios.Owner, 200, Scenarios.Accepted);
        await Host.PostAsync($"/work-orders/{id}/handover", Scenarios.Kasi, 200, Scenarios.Handover);

        var work = await Scenarios.GetAsync(Host, id);
        work.Status.ShouldBe(WorkOrderStatus.Completed);
        work.Rounds.Count.ShouldBe(3);
        work.Rounds[0].InternalCheck!.Passed.ShouldBeFalse();
        work.Rounds[0].InternalCheck!.Findings.ShouldHaveSingleItem().Description.ShouldBe("SQL injection di filter");
        work.Rounds[1].OwnerCheck!.Passed.ShouldBeFalse();
        work.Rounds[1].OwnerCheck!.Findings.ShouldHaveSingleItem().Severity.ShouldBe("medium");
        work.Rounds[2].OwnerCheck!.Passed.ShouldBeTrue();

        var history = await Host.Scenario(s => { s.Get.Url($"/work-orders/{id}/history"); s.As(Scenarios.Auditor); s.StatusCodeShouldBeOk(); });
        var text = await history.ReadAsTextAsync();
        text.ShouldContain("\"internal-check-recorded\"");
        text.ShouldContain("\"owner-check-recorded\"");
    }

    [Fact]
    public async Task a_duplicate_team_assigned_opens_one_work_order()
    {
        var m = Scenarios.Assigned();
        await Host.MessageBus().PublishAsync(m);
        await Host.MessageBus().PublishAsync(m);
        await Host.InvokeMessageAndWaitAsync(m);
        await using var session = fixture.Store.QuerySession();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await session.LoadAsync<WorkOrder>(m.RequestId) is null && DateTime.UtcNow < deadline) await Task.Delay(50);
        await Task.Delay(500); // let the queued copies arrive too
        (await session.Events.FetchStreamAsync(m.RequestId)).ShouldHaveSingleItem().Data.ShouldBeOfType<WorkOrderOpened>();
        (await session.Query<WorkOrder>().CountAsync(w => w.Id == m.RequestId)).ShouldBe(1);
    }

    [Fact]
    public async Task a_reissued_team_replaces_the_team_before_work_starts()
    {
        var id = await Scenarios.OpenAsync(Host);
        await Host.InvokeMessageAndWaitAsync(Scenarios.Assigned(id, revision: 2, lead: Scenarios.OutsiderNip,
            members: [new TeamMember(Scenarios.OutsiderNip, "Andi", Roles.Programmer), new TeamMember(Scenarios.SecurityNip, "Rina", Roles.AppSecurity)]));
        var work = await Scenarios.GetAsync(Host, id);
        work.TeamRevision.ShouldBe(2);
        work.LeadNip.ShouldBe(Scenarios.OutsiderNip);
        await Host.PostAsync($"/work-orders/{id}/start", Scenarios.Programmer, 403); // no longer in the team
        await Host.PostAsync($"/work-orders/{id}/start", Scenarios.OtherProgrammer, 204);
    }

    private static TeamChangeRequested Asked(Guid id, int revision = 2) => new(id, "SPBE/2026/00007", "DINKES", DateTimeOffset.UtcNow,
        new Actor("kasi-01", "Kasi", Roles.KasiAplikasi, TestTokens.SampleNip), Scenarios.ProgrammerNip, Scenarios.Assigned().Members,
        Scenarios.Assigned().Schedule, "Perbaiki modul laporan", "Perbaikan SIMPUS", revision);

    [Fact]
    public async Task a_reissue_asked_before_the_start_is_accepted_and_the_start_waits_for_its_letter()
    {
        var id = await Scenarios.OpenAsync(Host);
        var answered = await Host.InvokeMessageAndWaitAsync(Asked(id));
        answered.Sent.MessagesOf<TeamChangeAccepted>().Distinct().ShouldHaveSingleItem().Revision.ShouldBe(2);
        (await Scenarios.GetAsync(Host, id)).HeldForRevision.ShouldBe(2);
        (await (await Host.PostAsync($"/work-orders/{id}/start", Scenarios.Programmer, 409)).ReadAsTextAsync()).ShouldContain("revision 2");

        await Host.InvokeMessageAndWaitAsync(Scenarios.Assigned(id, revision: 2));
        var work = await Scenarios.GetAsync(Host, id);
        (work.TeamRevision, work.HeldForRevision, work.LetterNumber).ShouldBe((2, (int?)null, "800/002/ST/Diskominfotik-2026"));
        var started = await Host.ExecuteAndWaitAsync(() => Host.PostAsync($"/work-orders/{id}/start", Scenarios.Programmer, 204));
        started.Sent.MessagesOf<WorkStarted>().Distinct().ShouldHaveSingleItem().TeamRevision.ShouldBe(2);
    }

    [Fact]
    public async Task a_reissue_asked_after_the_start_is_refused_and_the_team_stays()
    {
        var id = await Scenarios.ToAsync(Host, WorkOrderStatus.InExecution);
        var answered = await Host.InvokeMessageAndWaitAsync(Asked(id));
        answered.Sent.MessagesOf<TeamChangeRefused>().Distinct().ShouldHaveSingleItem().Revision.ShouldBe(2);
        answered.Sent.MessagesOf<TeamChangeAccepted>().ShouldBeEmpty();
        var work = await Scenarios.GetAsync(Host, id);
        (work.TeamRevision, work.HeldForRevision, work.Status).ShouldBe((1, (int?)null, WorkOrderStatus.InExecution));
    }

    [Fact]
    public async Task a_team_member_sees_their_own_work_ordered_by_next_due_date()
    {
        var first = await Scenarios.ToAsync(Host, WorkOrderStatus.InExecution); // due 2026-12-08
        var second = await Scenarios.OpenAsync(Host);                        // starts 2026-12-01
        var result = await Host.Scenario(s => { s.Get.Url("/work-orders"); s.As(Scenarios.Programmer); s.StatusCodeShouldBeOk(); });
        var ids = (await result.ReadAsJsonAsync<Spbe.ServiceDefaults.ListPage<ListingWorkOrders.WorkOrderListItem>>())!.Items.Select(i => i.Id).ToList();
        ids.IndexOf(second).ShouldBeLessThan(ids.IndexOf(first));

        var outsider = await Host.Scenario(s => { s.Get.Url("/work-orders"); s.As(Scenarios.OtherProgrammer); s.StatusCodeShouldBeOk(); });
        (await outsider.ReadAsTextAsync()).ShouldNotContain(first.ToString());
        var otherOpd = await Host.Scenario(s => { s.Get.Url("/work-orders"); s.As(Scenarios.OtherOpd); s.StatusCodeShouldBeOk(); });
        (await otherOpd.ReadAsTextAsync()).ShouldNotContain(first.ToString());
    }
}
