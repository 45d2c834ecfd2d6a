using Spbe.Sop;

namespace Spbe.Reporting.Timelines;

/// <summary>A step measured against its standard, at a given moment.</summary>
public sealed record StepMeasure(TimeSpan WorkingTime, TimeSpan? Standard, DateTimeOffset? Deadline, bool OnTime, TimeSpan PausedTime);

public static class Evaluation
{
    /// <summary>Pure: working time taken (paused time excluded) and whether the step is within its standard, as of <paramref name="now"/>.</summary>
    public static StepMeasure Measure(StepFact step, WorkingCalendar calendar, DateTimeOffset now)
    {
        var worked = step.Segments.Aggregate(NodaTime.Duration.Zero, (sum, s) => sum + calendar.Between(s.Opened, s.Closed ?? now));
        var paused = NodaTime.Duration.Zero;
        for (var i = 1; i < step.Segments.Count; i++)
            paused += calendar.Between(step.Segments[i - 1].Closed!.Value, step.Segments[i].Opened);
        if (step.State == StepState.Paused && step.Segments[^1].Closed is { } since) paused += calendar.Between(since, now);

        var end = step.Segments[^1].Closed ?? now;
        return step.Standard.Kind switch
        {
            StandardKind.WorkingDuration => new StepMeasure(worked.ToTimeSpan(), step.Standard.Duration, null,
                worked.ToTimeSpan() <= step.Standard.Duration, paused.ToTimeSpan()),
            _ => new StepMeasure(worked.ToTimeSpan(), null, SopStandards.Deadline(calendar, step.Standard.DueDate!.Value),
                end <= SopStandards.Deadline(calendar, step.Standard.DueDate!.Value), paused.ToTimeSpan()),
        };
    }
}
