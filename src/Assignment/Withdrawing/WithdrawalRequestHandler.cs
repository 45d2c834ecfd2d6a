using Marten;
using Spbe.Assignment.Opening;
using Spbe.Contracts;
using Spbe.Sop;
using Wolverine;

namespace Spbe.Assignment.Withdrawing;

/// <summary>
/// The OPD asked (through Intake) to withdraw a registered request. From registration until a team is assigned the
/// request's fate is Assignment's (it rejects, it assigns the team), so it decides here, on the case stream where the
/// Kasi's rejection and Surat Tugas are decided too: one of them wins, the others are refused.
/// </summary>
public static class WithdrawalRequestHandler
{
    /// <summary>
    /// Pure: before a team is assigned the case closes and <c>RequestWithdrawn</c> goes out; after it (or after a rejection)
    /// <c>WithdrawalRefused</c>. A case already closed by this withdrawal (a redelivery) gives nothing.
    /// </summary>
    public static (IReadOnlyList<object> Events, IReadOnlyList<object> Messages) Decide(AnalysisCase c, WithdrawalRequested m, DateTimeOffset now)
    {
        var r = c.Request;
        if (c.AwaitsDecision)
            return ([new CaseClosed(c.Id, $"Withdrawn by the OPD: {m.Reason}", m.Actor, now)],
                [new RequestWithdrawn(c.Id, r.Number, r.Opd, now, m.Actor, m.Reason, m.Registration.TrackingCode)]);
        if (c.Status == CaseStatus.Closed) return ([], []);
        var reason = c.Status == CaseStatus.Rejected
            ? "The request was rejected at analysis before the withdrawal arrived."
            : "A team was assigned before the withdrawal arrived; a request can be withdrawn only until then.";
        return ([new WithdrawalRefusedByCase(c.Id, reason, m.OccurredAt, m.Actor, now)],
            [new WithdrawalRefused(c.Id, r.Number, r.Opd, now, m.Actor, reason, m.OccurredAt)]);
    }

    /// <summary>
    /// A withdrawal that overtook the registration on the way opens the case from the registration it carries first
    /// (the registration, arriving later, finds it open), so the answer never waits.
    /// </summary>
    public static async Task<OutgoingMessages> Handle(WithdrawalRequested m, IDocumentSession session, WorkingCalendar calendar, TimeProvider clock)
    {
        var stream = await session.Events.FetchForWriting<AnalysisCase>(m.RequestId);
        var now = clock.GetUtcNow();
        var outgoing = new OutgoingMessages();
        if (stream.Aggregate is null)
        {
            var opened = OpenCaseHandler.Decide(m.Registration, calendar);
            var (events, messages) = Decide(AnalysisCase.Create(opened), m, now);
            session.Events.StartStream<AnalysisCase>(m.RequestId, [opened, .. events]);
            outgoing.AddRange(messages);
        }
        else
        {
            var (events, messages) = Decide(stream.Aggregate, m, now);
            stream.AppendMany(events);
            outgoing.AddRange(messages);
        }
        return outgoing;
    }
}
