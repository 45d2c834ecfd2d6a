using Spbe.Contracts;
using Spbe.Sop;

namespace Spbe.Reporting.Timelines;

/// <summary>How a step's standard time (mutu baku) is set.</summary>
public enum StandardKind { WorkingDuration, DueDate }

/// <summary>A step's standard: a working duration (1 working hour, 1 working day) or a due date from the Surat Tugas.</summary>
public sealed record Standard(StandardKind Kind, TimeSpan? Duration, DateOnly? DueDate);

public enum StepState { Open, Paused, Closed, Cancelled }

/// <summary>One period in which the office's clock ran for a step (step 1 pauses while the request is back with the OPD).</summary>
public sealed record Segment(DateTimeOffset Opened, DateTimeOffset? Closed);

/// <summary>The facts of one step (one round of it): when it ran, its standard, who closed it. No SLA figure is stored: they are computed from these and the calendar.</summary>
public sealed record StepFact(int Step, int Round, IReadOnlyList<Segment> Segments, Standard Standard, StepState State, Actor? ClosedBy, string? Outcome);

/// <summary>
/// Pure: a request's step facts from its integration messages. The same function feeds the
/// timeline and the table the SLA queries read, so both say the same.
/// </summary>
public static class StepBuilder
{
    public static IReadOnlyList<StepFact> Build(IEnumerable<IIntegrationEvent> messages, WorkingCalendar calendar)
    {
        var steps = new List<Draft>();
        Schedule? schedule = null;

        Draft? Find(int step, int round = 1) => steps.LastOrDefault(s => s.Step == step && s.Round == round);
        Draft Open(int step, int round, DateTimeOffset at, Standard standard)
        {
            var d = new Draft(step, round, standard);
            d.Segments.Add(new Segment(at, null));
            steps.Add(d);
            return d;
        }

        foreach (var m in messages.OrderBy(m => m.OccurredAt))
        {
            var at = m.OccurredAt;
            switch (m)
            {
                case RequestSubmitted s when Find(1) is { } step1 && s.Round > 1:
                    step1.Resume(at);
                    break;
                case RequestSubmitted:
                    if (Find(1) is null) Open(1, 1, at, Within(SopStandards.Submission));
                    break;
                case RequestReturned:
                    Find(1)?.Pause(at);
                    break;
                case RequestRegistered:
                    Find(1)?.Close(at, m.Actor, "registered");
                    if (Find(2) is null) Open(2, 1, at, Within(SopStandards.Analysis(calendar)));
                    break;
                case RequestWithdrawn:
                    foreach (var open in steps.Where(s => s.State is StepState.Open or StepState.Paused)) open.Cancel(at, m.Actor);
                    break;
                case RequestRejected:
                    Find(2)?.Close(at, m.Actor, "rejected");
                    break;
                case TeamAssigned t:
                    schedule = t.Schedule;
                    if (Find(2) is { State: StepState.Open } step2) step2.Close(at, m.Actor, "team-assigned");
                    break;
                case WorkStarted w when schedule is not null:
                    if (Find(3, w.Round) is null) Open(3, w.Round, at, Due(schedule.ExecutionDue));
                    break;
                case ExecutionReported r when schedule is not null:
                    Find(3, r.Round)?.Close(at, m.Actor, "reported");
                    if (Find(4, r.Round) is null) Open(4, r.Round, at, Due(schedule.InternalCheckDue));
                    break;
                case InternalCheckCompleted c when schedule is not null:
                    Find(4, c.Round)?.Close(at, m.Actor, c.Passed ? "passed" : "failed");
                    if (c.Passed && Find(5, c.Round) is null) Open(5, c.Round, at, Due(schedule.OwnerCheckDue));
                    break;
                case OwnerCheckCompleted o when schedule is not null:
                    Find(5, o.Round)?.Close(at, m.Actor, o.Accepted ? "accepted" : "revision-requested");
                    if (o.Accepted && Find(6) is null) Open(6, 1, at, Within(SopStandards.Handover(calendar)));
                    break;
                case RequestHandedOver:
                    Find(6)?.Close(at, m.Actor, "handed-over");
                    break;
            }
        }
        return steps.Select(d => d.ToFact()).ToList();
    }

    private static Standard Within(NodaTime.Duration working) => new(StandardKind.WorkingDuration, working.ToTimeSpan(), null);

    private static Standard Due(DateOnly date) => new(StandardKind.DueDate, null, date);

    private sealed class Draft(int step, int round, Standard standard)
    {
        public int Step { get; } = step;
        public int Round { get; } = round;
        public List<Segment> Segments { get; } = [];
        public StepState State { get; private set; } = StepState.Open;
        private Actor? _closedBy;
        private string? _outcome;

        public void Pause(DateTimeOffset at)
        {
            if (State != StepState.Open) return;
            Segments[^1] = Segments[^1] with { Closed = at };
            State = StepState.Paused;
        }

        public void Resume(DateTimeOffset at)
        {
            if (State != StepState.Paused) return;
            Segments.Add(new Segment(at, null));
            State = StepState.Open;
        }

        public void Close(DateTimeOffset at, Actor by, string outcome)
        {
            if (State is StepState.Closed or StepState.Cancelled) return;
            if (State == StepState.Open) Segments[^1] = Segments[^1] with { Closed = at };
            State = StepState.Closed;
            _closedBy = by;
            _outcome = outcome;
        }

        public void Cancel(DateTimeOffset at, Actor by)
        {
            if (State == StepState.Open) Segments[^1] = Segments[^1] with { Closed = at };
            State = StepState.Cancelled;
            _closedBy = by;
            _outcome = "withdrawn";
        }

        public StepFact ToFact() => new(Step, Round, Segments.ToList(), standard, State, _closedBy, _outcome);
    }
}
