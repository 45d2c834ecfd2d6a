using NodaTime;

namespace Spbe.Sop;

/// <summary>
/// The SOP's steps and their standard times (mutu baku), written once: step 1 within one working
/// hour, step 2 within one working day, steps 3 to 5 by the dates of the Surat Tugas (due at the end
/// of that working day), step 6 within one working day.
/// </summary>
public static class SopStandards
{
    public static readonly IReadOnlyDictionary<int, string> StepNames = new Dictionary<int, string>
    {
        [1] = "submission", [2] = "analysis", [3] = "execution", [4] = "internal-check", [5] = "owner-check", [6] = "handover",
    };

    /// <summary>Step 1: registering or returning a submitted request.</summary>
    public static readonly Duration Submission = Duration.FromHours(1);

    /// <summary>Step 2: the analysis, from registration to a team (or a rejection).</summary>
    public static Duration Analysis(WorkingCalendar calendar) => calendar.WorkingDays(1);

    /// <summary>Step 6: the handover, from the owner's acceptance.</summary>
    public static Duration Handover(WorkingCalendar calendar) => calendar.WorkingDays(1);

    /// <summary>When a step scheduled for <paramref name="date"/> (steps 3 to 5) is due: the end of that working day.</summary>
    public static DateTimeOffset Deadline(WorkingCalendar calendar, DateOnly date) => calendar.EndOfWorkingDay(date);
}
