using Marten;
using Spbe.Contracts;
using Spbe.Sop;

namespace Spbe.Assignment.Opening;

/// <summary>A registered request opens its analysis case, due one working day after registration.</summary>
public static class OpenCaseHandler
{
    /// <summary>Pure: the case a registration opens, with its due time from the working calendar.</summary>
    public static CaseOpened Decide(RequestRegistered m, WorkingCalendar calendar) => new(
        m.RequestId,
        new RequestInfo(m.RequestNumber, m.OpdCode, m.Title, m.Category, m.ApplicationName, m.Description,
            m.DesiredDate, m.SubmittedAt, m.OccurredAt),
        calendar.Add(m.OccurredAt, SopStandards.Analysis(calendar)),
        m.Actor,
        m.OccurredAt);

    public static async Task Handle(RequestRegistered m, IDocumentSession session, WorkingCalendar calendar)
    {
        // Once only: a redelivered registration finds the case already open. Two deliveries racing
        // both pass this check; the second insert of the stream fails and its retry lands here.
        if (await session.Events.FetchStreamStateAsync(m.RequestId) is not null) return;
        session.Events.StartStream<AnalysisCase>(m.RequestId, Decide(m, calendar));
    }
}
