using Alba;
using Shouldly;
using Spbe.Reporting.Anomalies;
using Spbe.ServiceDefaults;
using Spbe.Testing;
using Xunit;
using static Spbe.Reporting.Tests.RequestStory;

namespace Spbe.Reporting.Tests;

/// <summary>The detection of requests whose services disagree, as a pure function of a request's messages.</summary>
public sealed class DisagreementTests
{
    private static readonly DateTimeOffset T = Wib(2026, 7, 1, 8, 0);
    private static RequestStory Registered() => new RequestStory().Submitted(T).Registered(T.AddMinutes(10));

    private static IEnumerable<string> Kinds(RequestStory story) => Disagreements.Detect(story.Messages).Select(a => a.Kind);

    [Fact]
    public void every_outcome_the_owners_decide_alone_is_no_disagreement()
    {
        // Completed through a refused withdrawal and a refused reissue; withdrawn through its owner; rejected; a reissue before the start.
        Kinds(Registered().WithdrawalAsked(T.AddMinutes(30)).TeamAssigned(T.AddMinutes(29)).WithdrawalRefused(T.AddMinutes(31), T.AddMinutes(30))
            .Started(T.AddHours(1), teamRevision: 1).TeamChangeAsked(T.AddHours(2), 2).TeamChangeRefused(T.AddHours(2), 2)
            .Reported(T.AddHours(3)).InternalCheck(T.AddHours(4), true).OwnerCheck(T.AddHours(5), true).HandedOver(T.AddHours(6))).ShouldBeEmpty();
        Kinds(Registered().WithdrawalAsked(T.AddMinutes(30)).Withdrawn(T.AddMinutes(31))).ShouldBeEmpty();
        Kinds(Registered().Rejected(T.AddHours(1))).ShouldBeEmpty();
        Kinds(Registered().TeamAssigned(T.AddHours(1)).TeamChangeAsked(T.AddHours(2), 2).TeamChangeAccepted(T.AddHours(2), 2)
            .TeamAssigned(T.AddHours(3), revision: 2).Started(T.AddHours(4), teamRevision: 2)).ShouldBeEmpty();
        // Messages still on their way (work reported before its start arrived) are no disagreement either.
        Kinds(Registered().TeamAssigned(T.AddHours(1)).Reported(T.AddHours(3))).ShouldBeEmpty();
    }

    [Fact]
    public void a_withdrawn_request_whose_team_was_assigned_and_work_started_and_completed_is_found()
    {
        var story = Registered().TeamAssigned(T.AddHours(1)).Withdrawn(T.AddHours(1)).Started(T.AddHours(2), teamRevision: 1)
            .Reported(T.AddHours(3)).InternalCheck(T.AddHours(4), true).OwnerCheck(T.AddHours(5), true).HandedOver(T.AddHours(6));
        Kinds(story).ShouldBe([Disagreements.WithdrawnAndTeamAssigned, Disagreements.WithdrawnAndWorkStarted, Disagreements.WithdrawnAndCompleted],
            ignoreOrder: true);
    }

    [Fact]
    public void a_request_both_rejected_and_withdrawn_or_rejected_and_assigned_is_found()
    {
        Kinds(Registered().Rejected(T.AddHours(1)).Withdrawn(T.AddHours(1))).ShouldBe([Disagreements.WithdrawnAndRejected]);
        Kinds(Registered().Rejected(T.AddHours(1)).TeamAssigned(T.AddHours(1)).Started(T.AddHours(2)))
            .ShouldBe([Disagreements.RejectedAndTeamAssigned, Disagreements.RejectedAndWorkStarted], ignoreOrder: true);
    }

    [Fact]
    public void a_surat_tugas_reissued_after_the_work_started_is_two_teams()
    {
        // By the revision the work started under, and for older messages without it by time.
        Kinds(Registered().TeamAssigned(T.AddHours(1)).Started(T.AddHours(2), teamRevision: 1).TeamAssigned(T.AddHours(2).AddSeconds(-1), revision: 2))
            .ShouldBe([Disagreements.TeamChangedAfterWorkStarted]);
        Kinds(Registered().TeamAssigned(T.AddHours(1)).Started(T.AddHours(2)).TeamAssigned(T.AddHours(3), revision: 2))
            .ShouldBe([Disagreements.TeamChangedAfterWorkStarted]);
    }

    [Fact]
    public void two_letters_for_one_revision_and_a_reissue_both_accepted_and_refused_are_found()
    {
        Kinds(Registered().TeamAssigned(T.AddHours(1), letter: "800/001/ST").TeamAssigned(T.AddHours(1), letter: "800/002/ST"))
            .ShouldBe([Disagreements.TwoLettersForOneRevision]);
        Kinds(Registered().TeamAssigned(T.AddHours(1)).TeamChangeAsked(T.AddHours(2), 2).TeamChangeAccepted(T.AddHours(2), 2).TeamChangeRefused(T.AddHours(2), 2))
            .ShouldBe([Disagreements.TeamChangeAcceptedAndRefused]);
    }
}

public sealed class AnomalyEndpointTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private IAlbaHost Host => fixture.Host;

    [Fact]
    public async Task auditors_and_operators_see_the_requests_whose_services_disagree_and_not_the_healthy_ones()
    {
        var t = Wib(2026, 7, 1, 8, 0);
        var healthy = new RequestStory(number: "SPBE/2026/00101").Submitted(t).Registered(t.AddMinutes(5)).WithdrawalAsked(t.AddMinutes(6)).Withdrawn(t.AddMinutes(7));
        var broken = new RequestStory(number: "SPBE/2026/00102").Submitted(t).Registered(t.AddMinutes(5)).TeamAssigned(t.AddMinutes(6))
            .Withdrawn(t.AddMinutes(7)).Started(t.AddMinutes(8), teamRevision: 1);
        await healthy.DeliverAsync(Host);
        await broken.DeliverAsync(Host);

        foreach (var token in new[] { Tokens.Auditor, Tokens.Operator })
        {
            var page = await Host.GetJson<ListPage<RequestAnomaly>>("/audit/anomalies?pageSize=200", token);
            page.Items.ShouldNotContain(a => a.RequestId == healthy.Id);
            var found = page.Items.Where(a => a.RequestId == broken.Id).ShouldHaveSingleItem();
            found.Number.ShouldBe("SPBE/2026/00102");
            found.Anomalies.Select(a => a.Kind).ShouldBe([Disagreements.WithdrawnAndTeamAssigned, Disagreements.WithdrawnAndWorkStarted], ignoreOrder: true);
        }
        foreach (var token in new[] { Tokens.Kasi, Tokens.Opd })
            await Host.Scenario(s => { s.Get.Url("/audit/anomalies"); s.As(token); s.StatusCodeShouldBe(403); });
    }
}
