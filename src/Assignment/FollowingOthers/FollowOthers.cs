using Marten;
using Spbe.Contracts;

namespace Spbe.Assignment.FollowingOthers;

/// <summary>What Assignment learns from the other services: a withdrawal closes the case; started work locks the team.</summary>
public static class FollowOthersHandler
{
    /// <summary>Pure: a withdrawal closes an open case; a closed, rejected or missing case is left alone (redelivery included).</summary>
    public static IReadOnlyList<object> Decide(AnalysisCase? c, RequestWithdrawn m) =>
        c is { IsOpen: true } ? [new CaseClosed(c.Id, $"Withdrawn by the OPD: {m.Reason}", m.Actor, m.OccurredAt)] : [];

    /// <summary>Pure: the first start of work locks the team; later rounds and redeliveries change nothing.</summary>
    public static IReadOnlyList<object> Decide(AnalysisCase? c, WorkStarted m) =>
        c is { Status: CaseStatus.Assigned, WorkStarted: false } ? [new WorkStartNoted(c.Id, m.Actor, m.OccurredAt)] : [];

    public static async Task Handle(RequestWithdrawn m, IDocumentSession session)
    {
        var stream = await session.Events.FetchForWriting<AnalysisCase>(m.RequestId);
        stream.AppendMany(Decide(stream.Aggregate, m));
    }

    public static async Task Handle(WorkStarted m, IDocumentSession session)
    {
        var stream = await session.Events.FetchForWriting<AnalysisCase>(m.RequestId);
        stream.AppendMany(Decide(stream.Aggregate, m));
    }
}
