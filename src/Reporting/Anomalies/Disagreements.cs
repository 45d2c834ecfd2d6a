using Spbe.Contracts;

namespace Spbe.Reporting.Anomalies;

/// <summary>One way in which a request's services disagree, with what shows it.</summary>
public sealed record Anomaly(string Kind, string Detail);

/// <summary>
/// What Reporting knows of one request from the messages of every service: the outcomes each owner published.
/// Only lasting facts, never "not yet heard", so a message still on its way never looks like a disagreement.
/// </summary>
public sealed record RequestFacts(
    bool Withdrawn, bool Rejected, bool Completed,
    IReadOnlyList<(int Revision, string LetterNumber)> Letters,
    DateTimeOffset? FirstWorkStartedAt, int? WorkStartedUnderRevision,
    IReadOnlyList<int> ChangesAccepted, IReadOnlyList<int> ChangesRefused,
    IReadOnlyList<DateTimeOffset> LetterTimes)
{
    public bool AnyWork => FirstWorkStartedAt is not null;

    public static RequestFacts From(IEnumerable<IIntegrationEvent> messages)
    {
        var all = messages.OrderBy(m => m.OccurredAt).ToList();
        var teams = all.OfType<TeamAssigned>().ToList();
        var starts = all.OfType<WorkStarted>().ToList();
        var work = all.Where(m => m is WorkStarted or ExecutionReported or InternalCheckCompleted or OwnerCheckCompleted or RequestHandedOver).ToList();
        return new RequestFacts(
            all.OfType<RequestWithdrawn>().Any(),
            all.OfType<RequestRejected>().Any(),
            all.OfType<RequestHandedOver>().Any(),
            teams.Select(t => (t.Revision, t.LetterNumber)).Distinct().ToList(),
            work.FirstOrDefault()?.OccurredAt,
            starts.Select(s => s.TeamRevision).FirstOrDefault(r => r is not null),
            all.OfType<TeamChangeAccepted>().Select(a => a.Revision).Distinct().ToList(),
            all.OfType<TeamChangeRefused>().Select(r => r.Revision).Distinct().ToList(),
            teams.Where(t => t.Revision > 1).Select(t => t.OccurredAt).ToList());
    }
}

/// <summary>
/// Pure: the ways in which a request's services disagree, from the outcomes they published. Each rule has one owner, so
/// on a healthy system this is empty for every request; anything here is a rule decided twice (on a stale copy).
/// </summary>
public static class Disagreements
{
    public const string WithdrawnAndRejected = "withdrawn-and-rejected";
    public const string WithdrawnAndTeamAssigned = "withdrawn-and-team-assigned";
    public const string WithdrawnAndWorkStarted = "withdrawn-and-work-started";
    public const string WithdrawnAndCompleted = "withdrawn-and-completed";
    public const string RejectedAndTeamAssigned = "rejected-and-team-assigned";
    public const string RejectedAndWorkStarted = "rejected-and-work-started";
    public const string TeamChangedAfterWorkStarted = "team-changed-after-work-started";
    public const string TwoLettersForOneRevision = "two-letters-for-one-revision";
    public const string TeamChangeAcceptedAndRefused = "team-change-accepted-and-refused";

    public static IReadOnlyList<Anomaly> Detect(RequestFacts f)
    {
        var found = new List<Anomaly>();
        void Add(bool when, string kind, string detail) { if (when) found.Add(new Anomaly(kind, detail)); }

        Add(f.Withdrawn && f.Rejected, WithdrawnAndRejected, "The request is both withdrawn and rejected.");
        Add(f.Withdrawn && f.Letters.Count > 0, WithdrawnAndTeamAssigned,
            $"The request is withdrawn, and a Surat Tugas was issued ({string.Join(", ", f.Letters.Select(l => l.LetterNumber))}).");
        Add(f.Withdrawn && f.AnyWork, WithdrawnAndWorkStarted, "The request is withdrawn, and its work started.");
        Add(f.Withdrawn && f.Completed, WithdrawnAndCompleted, "The request is withdrawn, and it was handed over.");
        Add(f.Rejected && f.Letters.Count > 0, RejectedAndTeamAssigned, "The request is rejected, and a Surat Tugas was issued.");
        Add(f.Rejected && f.AnyWork, RejectedAndWorkStarted, "The request is rejected, and its work started.");

        // A letter revision beyond the one the work started under: two teams for one work.
        var lastRevision = f.Letters.Count > 0 ? f.Letters.Max(l => l.Revision) : 0;
        var changedAfterStart = f.WorkStartedUnderRevision is { } under
            ? lastRevision > under
            : f.FirstWorkStartedAt is { } started && f.LetterTimes.Any(t => t > started);
        Add(changedAfterStart, TeamChangedAfterWorkStarted,
            $"Surat Tugas revision {lastRevision} was issued after the work started{(f.WorkStartedUnderRevision is { } r ? $" under revision {r}" : "")}.");

        foreach (var revision in f.Letters.GroupBy(l => l.Revision).Where(g => g.Count() > 1))
            found.Add(new Anomaly(TwoLettersForOneRevision,
                $"Revision {revision.Key} of the Surat Tugas has {revision.Count()} letters ({string.Join(", ", revision.Select(l => l.LetterNumber))})."));
        foreach (var revision in f.ChangesAccepted.Intersect(f.ChangesRefused))
            found.Add(new Anomaly(TeamChangeAcceptedAndRefused, $"Delivery both accepted and refused revision {revision} of the Surat Tugas."));
        return found;
    }

    public static IReadOnlyList<Anomaly> Detect(IEnumerable<IIntegrationEvent> messages) => Detect(RequestFacts.From(messages));
}
