using Marten;
using Spbe.Contracts;

namespace Spbe.Delivery.Opening;

/// <summary>A Surat Tugas opens the work order; a reissued one (higher revision), accepted by Delivery before, replaces the team.</summary>
public static class OpenWorkOrderHandler
{
    /// <summary>
    /// Pure: what a TeamAssigned message does to the work order (missing or not). A redelivery, or
    /// an older revision arriving late, does nothing; so does a new team once work has started
    /// (Assignment refuses that too).
    /// </summary>
    public static IReadOnlyList<object> Decide(WorkOrder? current, TeamAssigned m)
    {
        if (current is null)
            return [new WorkOrderOpened(m.RequestId, m.RequestNumber, m.OpdCode, m.Title, m.LetterNumber, m.LeadNip,
                m.Members, m.Schedule, m.AnalysisSummary, m.Revision, m.Actor, m.OccurredAt)];
        // The letter of a reissue Delivery accepted: the team is replaced and the start no longer held.
        if (current.HeldForRevision == m.Revision)
            return [new TeamReplaced(m.RequestId, m.LetterNumber, m.LeadNip, m.Members, m.Schedule, m.Revision, m.Actor, m.OccurredAt)];
        if (m.Revision <= current.TeamRevision) return [];
        // A reissue never asked of Delivery (sent by an Assignment from before the question): only while nothing started.
        if (!current.IsUntouched) return [];
        return [new TeamReplaced(m.RequestId, m.LetterNumber, m.LeadNip, m.Members, m.Schedule, m.Revision, m.Actor, m.OccurredAt)];
    }

    public static async Task Handle(TeamAssigned m, IDocumentSession session)
    {
        var stream = await session.Events.FetchForWriting<WorkOrder>(m.RequestId);
        var events = Decide(stream.Aggregate, m);
        if (events.Count == 0) return;
        if (stream.Aggregate is null) session.Events.StartStream<WorkOrder>(m.RequestId, events[0]);
        else stream.AppendMany(events);
    }
}
