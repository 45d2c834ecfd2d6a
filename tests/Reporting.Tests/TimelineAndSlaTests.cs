using Alba;
using Npgsql;
using Shouldly;
using Spbe.Reporting.AuditLog;
using Spbe.Reporting.Reports;
using Spbe.Reporting.Sla;
using Spbe.Reporting.Timelines;
using Spbe.Testing;
using Wolverine.Tracking;
using Xunit;
using static Spbe.Reporting.Tests.RequestStory;

namespace Spbe.Reporting.Tests;

public sealed class TimelineTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private IAlbaHost Host => fixture.Host;

    [Fact]
    public async Task a_full_request_with_two_rework_rounds_shows_every_round()
    {
        var story = new RequestStory()
            .Submitted(Wib(2026, 7, 1, 8, 0)).Registered(Wib(2026, 7, 1, 8, 30)).TeamAssigned(Wib(2026, 7, 2, 8, 0))
            .Started(Wib(2026, 7, 6, 8, 0)).Reported(Wib(2026, 7, 7, 15, 0)).InternalCheck(Wib(2026, 7, 8, 10, 0), passed: false)
            .Started(Wib(2026, 7, 8, 11, 0), round: 2).Reported(Wib(2026, 7, 9, 10, 0), round: 2).InternalCheck(Wib(2026, 7, 9, 14, 0), passed: true, round: 2)
            .OwnerCheck(Wib(2026, 7, 13, 10, 0), accepted: false, round: 2)
            .Started(Wib(2026, 7, 13, 11, 0), round: 3).Reported(Wib(2026, 7, 14, 9, 0), round: 3).InternalCheck(Wib(2026, 7, 14, 11, 0), passed: true, round: 3)
            .OwnerCheck(Wib(2026, 7, 15, 10, 0), accepted: true, round: 3).HandedOver(Wib(2026, 7, 16, 9, 0));
        await story.DeliverAsync(Host);

        var timeline = await Host.GetJson<TimelineView>($"/timelines/{story.Id}", Tokens.Opd);
        timeline.Number.ShouldBe(story.Number); // the register number, from registration on
        timeline.TrackingCode.ShouldBe(story.TrackingCode);
        timeline.Steps.Select(s => (s.Step, s.Round)).ShouldBe(
        [
            (1, 1), (2, 1), (3, 1), (4, 1), (3, 2), (4, 2), (5, 2), (3, 3), (4, 3), (5, 3), (6, 1),
        ]);
        timeline.Steps.ShouldAllBe(s => s.State == "closed");
        timeline.Steps.Single(s => s.Step == 4 && s.Round == 1).Outcome.ShouldBe("failed");
        timeline.Steps.Single(s => s.Step == 5 && s.Round == 2).Outcome.ShouldBe("revision-requested");
        timeline.Steps.Single(s => s.Step == 1).WorkingHours.ShouldBe(0.5);
        timeline.Steps.Single(s => s.Step == 2).WorkingHours.ShouldBe(8);
        timeline.Steps.Single(s => s.Step == 2).OnTime.ShouldBeTrue();
        timeline.Steps.Single(s => s.Step == 6).WorkingHours.ShouldBe(7.5); // Wed 10:00-16:00 + Thu 07:30-09:00
        timeline.Steps.Single(s => s.Step == 3 && s.Round == 3).Standard.DueDate.ShouldBe(new DateOnly(2026, 7, 10));
        timeline.Steps.Single(s => s.Step == 3 && s.Round == 3).Overdue.ShouldBeTrue(); // rework ran past the schedule
    }

    [Fact]
    public async Task an_open_step_is_measured_up_to_now_and_another_opd_cannot_see_the_timeline()
    {
        var story = new RequestStory().Submitted(Wib(2026, 7, 1, 8, 0));
        await story.DeliverAsync(Host);
        var timeline = await Host.GetJson<TimelineView>($"/timelines/{story.Id}", Tokens.Kasi);
        timeline.Number.ShouldBeNull(); // not registered: no register number yet
        timeline.TrackingCode.ShouldBe(story.TrackingCode);
        var step = timeline.Steps.ShouldHaveSingleItem();
        step.State.ShouldBe("open");
        step.Overdue.ShouldBeTrue();
        await Host.Scenario(s => { s.Get.Url($"/timelines/{story.Id}"); s.As(Tokens.OtherOpd); s.StatusCodeShouldBe(404); });
        await Host.Scenario(s => { s.Get.Url($"/timelines/{Guid.NewGuid()}"); s.As(Tokens.Auditor); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task a_duplicate_message_leaves_the_log_and_the_figures_unchanged()
    {
        var story = new RequestStory().Submitted(Wib(2026, 7, 1, 8, 0)).Registered(Wib(2026, 7, 1, 8, 30));
        await story.DeliverAsync(Host);
        var before = await Host.GetJson<AuditPage>($"/audit?requestId={story.Id}", Tokens.Auditor);
        var timelineBefore = await Host.GetJson<TimelineView>($"/timelines/{story.Id}", Tokens.Auditor);

        await story.DeliverAsync(Host); // every message again
        await Host.InvokeMessageAndWaitAsync(((Spbe.Contracts.RequestRegistered)story.Messages[1]) with { });

        var after = await Host.GetJson<AuditPage>($"/audit?requestId={story.Id}", Tokens.Auditor);
        after.Items.Select(i => i.Hash).ShouldBe(before.Items.Select(i => i.Hash));
        (await Host.GetJson<TimelineView>($"/timelines/{story.Id}", Tokens.Auditor)).Steps.Count.ShouldBe(timelineBefore.Steps.Count);
    }
}

/// <summary>Compliance and the monthly report, against figures computed by hand (July 2026 has no holidays).</summary>
public sealed class ComplianceTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private IAlbaHost Host => fixture.Host;
    private static bool _seeded;
    private static readonly SemaphoreSlim Seeding = new(1, 1);

    private async Task SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (_seeded) return;
            // A (DINKES): step 1 0.5 h on time; step 2 8 h on time; steps 3, 4 on their dates; step 5 an hour after its day ended; step 6 1.5 h.
            await new RequestStory(opd: "DINKES", number: "SPBE/2026/00101")
                .Submitted(Wib(2026, 7, 1, 8, 0)).Registered(Wib(2026, 7, 1, 8, 30)).TeamAssigned(Wib(2026, 7, 2, 8, 0))
                .Started(Wib(2026, 7, 6, 8, 0)).Reported(Wib(2026, 7, 10, 15, 0)).InternalCheck(Wib(2026, 7, 14, 10, 0), passed: true)
                .OwnerCheck(Wib(2026, 7, 16, 17, 0), accepted: true).HandedOver(Wib(2026, 7, 17, 9, 0)).DeliverAsync(Host);
            // B (BAPPEDA): step 1 8 h 30 min (Wed 09:00-16:00, Thu 07:30-09:00), late; rejected after 17 working hours, late.
            await new RequestStory(opd: "BAPPEDA", number: "SPBE/2026/00102")
                .Submitted(Wib(2026, 7, 1, 9, 0)).Registered(Wib(2026, 7, 2, 9, 0)).Rejected(Wib(2026, 7, 6, 9, 0)).DeliverAsync(Host);
            _seeded = true;
        }
        finally { Seeding.Release(); }
    }

    [Fact]
    public async Task compliance_per_step_matches_the_hand_computed_figures()
    {
        await SeedAsync();
        var report = await Host.GetJson<ComplianceReport>("/sla/compliance?from=2026-07-01&to=2026-07-31&groupBy=step", Tokens.Kasi);
        report.Rows.Select(r => (r.Key, r.Total, r.OnTime)).ShouldBe(
            [("1", 2L, 1L), ("2", 2L, 1L), ("3", 1L, 1L), ("4", 1L, 1L), ("5", 1L, 0L), ("6", 1L, 1L)]);
        report.Rows[0].AverageWorkingHours.ShouldBe(4.5); // (0.5 + 8.5) / 2
        report.Rows[0].Compliance.ShouldBe(0.5);
        report.Rows[0].Label.ShouldBe("submission");
    }

    [Fact]
    public async Task compliance_per_opd_month_and_executor()
    {
        await SeedAsync();
        var byOpd = await Host.GetJson<ComplianceReport>("/sla/compliance?from=2026-07-01&to=2026-07-31&groupBy=opd", Tokens.Auditor);
        byOpd.Rows.Select(r => (r.Key, r.Total, r.OnTime)).ShouldBe([("BAPPEDA", 2L, 0L), ("DINKES", 6L, 5L)]);
        var byMonth = await Host.GetJson<ComplianceReport>("/sla/compliance?from=2026-06-01&to=2026-08-31&groupBy=month", Tokens.Operator);
        byMonth.Rows.ShouldHaveSingleItem().Key.ShouldBe("2026-07");
        var byExecutor = await Host.GetJson<ComplianceReport>("/sla/compliance?from=2026-07-01&to=2026-07-31&groupBy=executor", Tokens.Kasi);
        byExecutor.Rows.Single(r => r.Key == "staf-01").Total.ShouldBe(2); // the two registrations
        byExecutor.Rows.Single(r => r.Key == "staf-01").Label.ShouldBe("Budi");
        (await Host.GetJson<ComplianceReport>("/sla/compliance?from=2026-08-01&to=2026-08-31", Tokens.Kasi)).Rows.ShouldBeEmpty();
    }

    [Fact]
    public async Task the_monthly_report_counts_the_month_and_prints_the_audit_digest()
    {
        await SeedAsync();
        var report = await Host.GetJson<MonthlyReport>("/reports/monthly?year=2026&month=7", Tokens.Kasi);
        report.Requests.ShouldBe(new RequestCounts(Submitted: 2, Registered: 2, Returned: 0, Rejected: 1, Withdrawn: 0, TeamsAssigned: 1, Completed: 1));
        report.ComplianceByStep.Sum(r => r.Total).ShouldBe(8);
        report.ComplianceByStep.Sum(r => r.OnTime).ShouldBe(5);
        var digest = await Host.GetJson<GetDigest.DigestView>("/audit/digest", Tokens.Auditor);
        report.AuditDigest.Entries.ShouldBe(digest.Entries);
        report.AuditDigest.HeadHash.ShouldBe(digest.HeadHash);

        var csv = await Host.Scenario(s =>
        {
            s.Get.Url("/reports/monthly?year=2026&month=7");
            s.WithRequestHeader("Accept", "text/csv");
            s.As(Tokens.Auditor);
            s.StatusCodeShouldBeOk();
        });
        csv.Context.Response.ContentType!.ShouldStartWith("text/csv");
        var text = await csv.ReadAsTextAsync();
        text.ShouldContain("requests,submitted,,2,,,");
        text.ShouldContain("compliance-by-step,5,owner-check,1,0,0,");
        text.ShouldContain($"audit-digest,{digest.Digest}");
    }

    [Fact]
    public async Task overdue_now_lists_open_steps_past_their_standard()
    {
        await SeedAsync();
        var open = new RequestStory(opd: "DISDIK", number: "SPBE/2026/00103").Submitted(Wib(2026, 6, 22, 8, 0)); // outside July's figures
        await open.DeliverAsync(Host);
        var page = await Host.GetJson<Spbe.ServiceDefaults.ListPage<OverdueStep>>("/sla/overdue", TestTokens.For(Spbe.Contracts.Roles.StafIt));
        var step = page.Items.ShouldHaveSingleItem();
        step.RequestId.ShouldBe(open.Id);
        step.Number.ShouldBeNull(); // still in step 1: no register number
        step.Name.ShouldBe("submission");
        step.StandardHours.ShouldBe(1);

        // A registered request's open step carries the register number the registration gave (a year outside every figure).
        var registered = new RequestStory(opd: "DISDIK", number: "SPBE/2025/00104", trackingCode: "QW3RT5YP")
            .Submitted(Wib(2025, 6, 2, 8, 0)).Registered(Wib(2025, 6, 2, 8, 30));
        await registered.DeliverAsync(Host);
        page = await Host.GetJson<Spbe.ServiceDefaults.ListPage<OverdueStep>>("/sla/overdue", TestTokens.For(Spbe.Contracts.Roles.StafIt));
        var analysis = page.Items.Where(s => s.RequestId == registered.Id).ShouldHaveSingleItem();
        analysis.Step.ShouldBe(2);
        analysis.Number.ShouldBe("SPBE/2025/00104");
    }

    [Fact]
    public async Task bad_queries_are_400_and_agencies_may_not_read_figures()
    {
        await Host.Scenario(s => { s.Get.Url("/sla/compliance?from=2026-07-01&to=2026-07-31&groupBy=mood"); s.As(Tokens.Kasi); s.StatusCodeShouldBe(400); });
        await Host.Scenario(s => { s.Get.Url("/sla/compliance?to=2026-07-31"); s.As(Tokens.Kasi); s.StatusCodeShouldBe(400); });
        await Host.Scenario(s => { s.Get.Url("/reports/monthly?year=2026&month=13"); s.As(Tokens.Kasi); s.StatusCodeShouldBe(400); });
        await Host.Scenario(s => { s.Get.Url("/sla/overdue"); s.As(Tokens.Opd); s.StatusCodeShouldBe(403); });
        await Host.Scenario(s => { s.Get.Url("/audit"); s.As(Tokens.Operator); s.StatusCodeShouldBe(403); });
        await Host.Scenario(s => { s.Get.Url("/audit/export"); s.As(Tokens.Opd); s.StatusCodeShouldBe(403); });
    }
}

