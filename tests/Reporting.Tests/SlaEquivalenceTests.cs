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
    }
}
