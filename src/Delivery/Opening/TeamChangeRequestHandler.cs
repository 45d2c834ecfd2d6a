using Marten;
using Spbe.Contracts;
using Wolverine;

namespace Spbe.Delivery.Opening;

/// <summary>
/// The Kasi asks to reissue the Surat Tugas. Whether the work has started is Delivery's own state, so Delivery decides,
/// on the work order's stream where the start is decided too: one of the two wins.
/// </summary>
public static class TeamChangeRequestHandler
{
    /// <summary>
    /// Pure: nothing started, the change is accepted and the start held until the new letter (<c>TeamAssigned</c> of that
    /// revision) arrives; started, it is refused. A work order not opened yet (the first letter still on its way) is opened
    /// from the question, held for its letter. A question answered before (a redelivery) gives nothing.
    /// </summary>
    public static (IReadOnlyList<object> Events, IReadOnlyList<object> Messages) Decide(WorkOrder? w, TeamChangeRequested m, DateTimeOffset now)
    {
        var accepted = new TeamChangeAccepted(m.RequestId, m.RequestNumber, m.OpdCode, now, m.Actor, m.Revision);
        if (w is null)
            return ([new WorkOrderOpened(m.RequestId, m.RequestNumber, m.OpdCode, m.Title, "", m.LeadNip, m.Members, m.Schedule,
                        m.AnalysisSummary, m.Revision, m.Actor, now),
                     new TeamChangeHeld(m.RequestId, m.Revision, m.Actor, now)],
                [accepted]);
        if (m.Revision <= w.AnsweredRevision || m.Revision <= w.TeamRevision && w.HeldForRevision != m.Revision) return ([], []);
        if (w.IsUntouched)
            return ([new TeamChangeHeld(w.Id, m.Revision, m.Actor, now)], [accepted]);
        const string reason = "The work has started under the current Surat Tugas; its team can no longer be changed.";
        return ([new TeamChangeRefusedByWork(w.Id, m.Revision, reason, m.Actor, now)],
            [new TeamChangeRefused(m.RequestId, m.RequestNumber, m.OpdCode, now, m.Actor, m.Revision, reason)]);
    }

    public static async Task<OutgoingMessages> Handle(TeamChangeRequested m, IDocumentSession session, TimeProvider clock)
    {
        var stream = await session.Events.FetchForWriting<WorkOrder>(m.RequestId);
        var (events, messages) = Decide(stream.Aggregate, m, clock.GetUtcNow());
        if (events.Count > 0)
        {
            if (stream.Aggregate is null) session.Events.StartStream<WorkOrder>(m.RequestId, [.. events]);
            else stream.AppendMany(events);
        }
        var outgoing = new OutgoingMessages();
        outgoing.AddRange(messages);
        return outgoing;
    }
}
