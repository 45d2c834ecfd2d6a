using Marten;
using Spbe.Contracts;

namespace Spbe.Assignment.FollowingOthers;

/// <summary>
/// What Assignment learns from the other services: started work locks the team. (A withdrawal is no longer news
/// from Intake but a request Assignment decides: <see cref="Withdrawing.WithdrawalRequestHandler"/>.)
/// </summary>
public static class FollowOthersHandler
{
    /// <summary>Pure: the first start of work locks the team; later rounds and redeliveries change nothing.</summary>
    public static IReadOnlyList<object> Decide(AnalysisCase? c, WorkStarted m) =>
        c is { Status: CaseStatus.Assigned, WorkStarted: false } ? [new WorkStartNoted(c.Id, m.Actor, m.OccurredAt)] : [];

    public static async Task Handle(WorkStarted m, IDocumentSession session)
    {
        var stream = await session.Events.FetchForWriting<AnalysisCase>(m.RequestId);
        stream.AppendMany(Decide(stream.Aggregate, m));
    }
}
