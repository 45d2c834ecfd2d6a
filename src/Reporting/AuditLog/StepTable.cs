using Marten;
using Spbe.Reporting.Timelines;
using Spbe.Sop;

namespace Spbe.Reporting.AuditLog;

/// <summary>Writes a request's step facts (one row per segment) for the SLA queries.</summary>
public static class StepTable
{
    public static void QueueReplace(IDocumentSession session, Guid requestId, string? number, string opd, IReadOnlyList<StepFact> steps, WorkingCalendar calendar)
    {
        session.QueueSqlCommand($"delete from {ReportingSchema.Steps} where request_id = ?", requestId);
        foreach (var step in steps)
            for (var i = 0; i < step.Segments.Count; i++)
            {
                var seg = step.Segments[i];
                var ended = step.State is StepState.Closed or StepState.Cancelled ? step.Segments[^1].Closed : null;
                var measure = Measured(step, calendar);
                session.QueueSqlCommand(
                    $"insert into {ReportingSchema.Steps} (request_id, step, round, segment, request_number, opd, opened_at, closed_at, " +
                    "standard_kind, standard_seconds, due_date, state, outcome, closed_by_id, closed_by_name, ended_at, worked_seconds, on_time) " +
                    "values (?, ?, ?, ?, ?::text, ?, ?, ?::timestamptz, ?, ?::double precision, ?::date, ?, ?::text, ?::text, ?::text, ?::timestamptz, ?::double precision, ?::boolean)",
                    requestId, step.Step, step.Round, i + 1, (object?)number ?? DBNull.Value, opd, seg.Opened.ToUniversalTime(), (object?)seg.Closed?.ToUniversalTime() ?? DBNull.Value,
                    step.Standard.Kind == StandardKind.DueDate ? "due-date" : "working-duration",
                    (object?)step.Standard.Duration?.TotalSeconds ?? DBNull.Value,
                    (object?)step.Standard.DueDate ?? DBNull.Value,
                    step.State.ToString().ToLowerInvariant(), (object?)step.Outcome ?? DBNull.Value,
                    (object?)step.ClosedBy?.UserId ?? DBNull.Value, (object?)step.ClosedBy?.Name ?? DBNull.Value, (object?)ended?.ToUniversalTime() ?? DBNull.Value,
                    (object?)measure?.WorkingTime.TotalSeconds ?? DBNull.Value, (object?)measure?.OnTime ?? DBNull.Value);
            }
    }

    /// <summary>A closed step's stored figures (null for any other: those are measured at the moment asked).</summary>
    public static StepMeasure? Measured(StepFact step, WorkingCalendar calendar) =>
        step.State == StepState.Closed ? Evaluation.Measure(step, calendar, step.Segments[^1].Closed!.Value) : null;
}
