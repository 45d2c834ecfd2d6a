using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;
using Spbe.Reporting.Sla;
using Spbe.Reporting.Timelines;
using Spbe.Testing;
using Xunit;
using static Spbe.Reporting.Tests.RequestStory;

namespace Spbe.Reporting.Tests;

/// <summary>The SLA rules exist in two forms, C# for a timeline and SQL for the aggregates: they must say the same of every step.</summary>
public sealed class SlaEquivalenceTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task the_sql_aggregates_measure_every_closed_step_as_the_timeline_does()
    {
        var story = new RequestStory()
            .Submitted(Wib(2026, 7, 1, 8, 0)).Returned(Wib(2026, 7, 1, 9, 30)).Submitted(Wib(2026, 7, 2, 13, 0), round: 2).Registered(Wib(2026, 7, 3, 8, 0))
            .TeamAssigned(Wib(2026, 7, 6, 9, 0))
            .Started(Wib(2026, 7, 6, 10, 0)).Reported(Wib(2026, 7, 10, 15, 59)).InternalCheck(Wib(2026, 7, 14, 16, 1), passed: false)
            .Started(Wib(2026, 7, 15, 8, 0), round: 2).Reported(Wib(2026, 7, 15, 12, 0), round: 2).InternalCheck(Wib(2026, 7, 15, 14, 0), passed: true, round: 2)
            .OwnerCheck(Wib(2026, 7, 16, 10, 0), accepted: true, round: 2).HandedOver(Wib(2026, 7, 20, 9, 0));
        await story.DeliverAsync(fixture.Host);

        var timeline = await fixture.Host.GetJson<TimelineView>($"/timelines/{story.Id}", Tokens.Kasi);
        var table = fixture.Host.Services.GetRequiredService<CalendarTable>();
        await table.EnsureSyncedAsync();
        await using var cmd = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            $"select step, round, worked, on_time from ({SlaSql.ClosedSteps}) c where request_id = @id");
        cmd.Parameters.AddWithValue("id", story.Id);
        cmd.Parameters.AddWithValue("from", Wib(2026, 7, 1, 0, 0).ToUniversalTime());
        cmd.Parameters.AddWithValue("to", Wib(2026, 8, 1, 0, 0).ToUniversalTime());
        table.AddHours(cmd);
        var sql = new List<(int Step, int Round, double Hours, bool OnTime)>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) sql.Add((r.GetInt32(0), r.GetInt32(1), Math.Round(r.GetDouble(2) / 3600, 3), r.GetBoolean(3)));

        sql.Count.ShouldBe(timeline.Steps.Count);
        sql.Select(s => s.OnTime).ShouldContain(false); // the story has late steps as well as timely ones
        foreach (var step in timeline.Steps)
            sql.ShouldContain((step.Step, step.Round, step.WorkingHours, step.OnTime), $"step {step.Step} round {step.Round}");

        // The figures stored with the steps (what the compliance figures read) say the same.
        var stored = await StoredAsync(fixture, story.Id);
        stored.Count.ShouldBe(timeline.Steps.Count);
        foreach (var step in timeline.Steps)
            stored.ShouldContain((step.Step, step.Round, step.WorkingHours, step.OnTime), $"stored step {step.Step} round {step.Round}");
    }

    public static async Task<List<(int Step, int Round, double Hours, bool OnTime)>> StoredAsync(ReportingFixture fixture, Guid id)
    {
        await using var cmd = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "select step, round, worked_seconds, on_time from reporting.steps where request_id = @id and state = 'closed' and segment = 1");
        cmd.Parameters.AddWithValue("id", id);
        var rows = new List<(int, int, double, bool)>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) rows.Add((r.GetInt32(0), r.GetInt32(1), Math.Round(r.GetDouble(2) / 3600, 3), r.GetBoolean(3)));
        return rows;
    }
}

public sealed class SlaCalendarChangeTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task a_day_off_added_to_the_calendar_recomputes_the_stored_figures_of_steps_already_closed()
    {
        var story = new RequestStory()
            .Submitted(Wib(2026, 7, 1, 8, 0)).Registered(Wib(2026, 7, 1, 8, 30)).TeamAssigned(Wib(2026, 7, 2, 15, 0));
        await story.DeliverAsync(fixture.Host);
        var database = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>();
        await fixture.Host.Services.GetRequiredService<CalendarTable>().EnsureSyncedAsync();
        var before = await SlaEquivalenceTests.StoredAsync(fixture, story.Id);
        before.ShouldContain(s => s.Step == 2 && s.Hours == 15); // 1 July 08:30–16:00 and 2 July 07:30–15:00

        // 2 July becomes a day off: step 2 then took only the rest of 1 July.
        var own = fixture.Host.Services.GetRequiredService<Spbe.Sop.CalendarOptions>();
        var changed = new Spbe.Sop.CalendarOptions
        {
            WorkdayStart = own.WorkdayStart, WorkdayEnd = own.WorkdayEnd,
            Holidays = new(own.Holidays) { ["2026-07-02"] = "Libur uji" }, CollectiveLeave = new(own.CollectiveLeave),
        };
        await new CalendarTable(database, changed).EnsureSyncedAsync();
        var after = await SlaEquivalenceTests.StoredAsync(fixture, story.Id);
        after.ShouldContain(s => s.Step == 2 && s.Hours == 7.5);
        after.Single(s => s.Step == 1).ShouldBe(before.Single(s => s.Step == 1));

        // And back, as the service's own calendar says.
        await new CalendarTable(database, own).EnsureSyncedAsync();
        (await SlaEquivalenceTests.StoredAsync(fixture, story.Id)).ShouldBe(before);
    }
}
