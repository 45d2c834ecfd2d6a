using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine.Http;

namespace Spbe.Reporting.Timelines;

public sealed record StandardView(string Kind, double? WorkingHours, DateOnly? DueDate, DateTimeOffset? Deadline);

public sealed record StepView(
    int Step, string Name, int Round, string State, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt,
    IReadOnlyList<Segment> Segments, double WorkingHours, double PausedHours, StandardView Standard,
    bool OnTime, bool Overdue, string? Outcome, Actor? ClosedBy);

/// <summary>
/// A request's timeline. <c>Number</c> is its register number, null until registration; <c>TrackingCode</c> the
/// code its submission got (null for requests submitted before tracking codes).
/// </summary>
public sealed record TimelineView(Guid RequestId, string? Number, string? TrackingCode, string Opd, DateTimeOffset At, IReadOnlyList<StepView> Steps);

/// <summary>A request's timeline: every step and round, with working time against its standard.</summary>
public static class GetTimeline
{
    /// <summary>Pure: the view of a request's messages, measured with the calendar at <paramref name="now"/>.</summary>
    public static TimelineView Build(Guid id, IReadOnlyList<IIntegrationEvent> messages, WorkingCalendar calendar, DateTimeOffset now)
    {
        var first = messages[0];
        var steps = StepBuilder.Build(messages, calendar).Select(s =>
        {
            var m = Evaluation.Measure(s, calendar, now);
            return new StepView(s.Step, SopStandards.StepNames[s.Step], s.Round, s.State.ToString().ToLowerInvariant(),
                s.Segments[0].Opened, s.State is StepState.Closed or StepState.Cancelled ? s.Segments[^1].Closed : null,
                s.Segments, Math.Round(m.WorkingTime.TotalHours, 3), Math.Round(m.PausedTime.TotalHours, 3),
                new StandardView(s.Standard.Kind == StandardKind.DueDate ? "due-date" : "working-duration",
                    s.Standard.Duration?.TotalHours, s.Standard.DueDate, m.Deadline),
                m.OnTime, !m.OnTime && s.State != StepState.Cancelled, s.Outcome, s.ClosedBy);
        }).ToList();
        var trackingCode = messages.OfType<RequestSubmitted>().Select(s => s.TrackingCode).FirstOrDefault(c => c is not null);
        return new TimelineView(id, AuditLog.RecordMessageHandler.RegisterNumber(messages), trackingCode, first.OpdCode, now, steps);
    }

    [WolverineGet("/timelines/{id}", OperationId = "getTimeline")]
    [EndpointSummary("A request's steps: started, ended, working time, standard, on time or overdue; rework rounds as rounds")]
    [ProducesResponseType<TimelineView>(200), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, HttpContext http, NpgsqlDataSource database, WorkingCalendar calendar, TimeProvider clock)
    {
        var messages = new List<IIntegrationEvent>();
        await using (var cmd = database.CreateCommand($"select type, payload from {ReportingSchema.AuditLog} where request_id = @id order by seq"))
        {
            cmd.Parameters.AddWithValue("id", id);
            await using var reader = await cmd.ExecuteReaderAsync(http.RequestAborted);
            while (await reader.ReadAsync(http.RequestAborted)) messages.Add(MessageTypes.Deserialize(reader.GetString(0), reader.GetString(1)));
        }
        if (messages.Count == 0) return Problems.NotFound();
        if (Guard.Check(http, new OpdResource(messages[0].OpdCode)) is { } problem) return problem;
        return Results.Ok(Build(id, messages, calendar, clock.GetUtcNow()));
    }
}
