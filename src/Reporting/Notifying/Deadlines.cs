using NodaTime;
using Spbe.Contracts;
using Spbe.Reporting.Timelines;
using Spbe.Sop;

namespace Spbe.Reporting.Notifying;

/// <summary>
/// A step's deadline check, scheduled (durably, in the outbox of the transaction that opened the step) for the moment
/// a share of its standard time has passed (<see cref="Reminder"/>) or all of it (<see cref="Escalation"/>).
/// </summary>
/// <param name="Segment">Which period of the step it was scheduled for: a step paused and resumed is scheduled anew, and the old check finds it moved on.</param>
/// <param name="At">When it is due.</param>
/// <param name="Deadline">When the step's standard time runs out.</param>
public sealed record StepDeadlineReached(Guid RequestId, int Step, int Round, int Segment, string Kind, DateTimeOffset At, DateTimeOffset Deadline)
{
    public const string Reminder = "reminder";
    public const string Escalation = "escalation";

    /// <summary>Its identity as a cause of notices.</summary>
    public string Key => $"deadline:{RequestId:N}:{Step}:{Round}:{Segment}:{Kind}";
}

/// <summary>Pure: when the steps a message opens are to be checked, in working time with the SLA's calendar.</summary>
public static class Deadlines
{
    /// <summary>The checks for each step that is open after the message and was not (in this period) before it.</summary>
    public static IReadOnlyList<StepDeadlineReached> Plan(Guid requestId, IReadOnlyList<StepFact> before, IReadOnlyList<StepFact> after, WorkingCalendar calendar, double share)
    {
        var checks = new List<StepDeadlineReached>();
        foreach (var step in after.Where(s => s.State == StepState.Open))
        {
            var wasOpen = before.Any(b => b.Step == step.Step && b.Round == step.Round && b.State == StepState.Open && b.Segments.Count == step.Segments.Count);
            if (!wasOpen) checks.AddRange(For(requestId, step, calendar, share));
        }
        return checks;
    }

    /// <summary>The reminder and the escalation of one open step: the reminder only while it is still ahead of the step's (re)opening.</summary>
    public static IReadOnlyList<StepDeadlineReached> For(Guid requestId, StepFact step, WorkingCalendar calendar, double share)
    {
        var opened = step.Segments[^1].Opened;
        DateTimeOffset? reminder;
        DateTimeOffset deadline;
        if (step.Standard.Kind == StandardKind.WorkingDuration)
        {
            // Time already used in earlier periods (step 1 pauses while the request is back with the OPD) counts.
            var used = step.Segments.Take(step.Segments.Count - 1).Aggregate(Duration.Zero, (sum, s) => sum + calendar.Between(s.Opened, s.Closed!.Value));
            var standard = Duration.FromTimeSpan(step.Standard.Duration!.Value);
            var atShare = Duration.FromTicks((long)(standard.BclCompatibleTicks * share));
            reminder = used < atShare ? calendar.Add(opened, atShare - used) : null;
            deadline = calendar.Add(opened, used < standard ? standard - used : Duration.Zero);
        }
        else
        {
            deadline = SopStandards.Deadline(calendar, step.Standard.DueDate!.Value);
            var start = step.Segments[0].Opened;
            var total = calendar.Between(start, deadline);
            reminder = total > Duration.Zero ? calendar.Add(start, Duration.FromTicks((long)(total.BclCompatibleTicks * share))) : null;
            if (reminder <= opened) reminder = null;
            // Opened after its due date (a late rework round): overdue at once.
            if (deadline < opened) deadline = opened;
        }
        var segment = step.Segments.Count;
        var checks = new List<StepDeadlineReached>();
        if (reminder is { } r) checks.Add(new StepDeadlineReached(requestId, step.Step, step.Round, segment, StepDeadlineReached.Reminder, r.ToUniversalTime(), deadline.ToUniversalTime()));
        checks.Add(new StepDeadlineReached(requestId, step.Step, step.Round, segment, StepDeadlineReached.Escalation, deadline.ToUniversalTime(), deadline.ToUniversalTime()));
        return checks;
    }

    /// <summary>Whether the step is still in the period the check was scheduled for: open, neither closed, cancelled, paused nor resumed since.</summary>
    public static bool IsStillOpen(StepDeadlineReached check, IReadOnlyList<StepFact> steps) =>
        steps.Any(s => s.Step == check.Step && s.Round == check.Round && s.State == StepState.Open && s.Segments.Count == check.Segment);
}
