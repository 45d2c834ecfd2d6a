using Marten;
using Microsoft.Extensions.Options;
using Spbe.Contracts;
using Spbe.Documents;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;

namespace Spbe.Assignment.AssigningTeam;

/// <summary>
/// Delivery's answer to a reissue of the Surat Tugas: accepted, the letter is issued now (its number taken, <c>TeamAssigned</c>
/// sent, which Delivery waits for before the work may start); refused, the work had started and the team stays.
/// </summary>
public static class ReissueAnswerHandler
{
    /// <summary>Whether an acceptance is for the reissue this case waits for (a redelivery, or an older one, is not).</summary>
    public static bool Awaits(AnalysisCase? c, int revision) => c is { Status: CaseStatus.Assigned, PendingTeamChange: { } p } && p.Revision == revision;

    /// <summary>Pure: the accepted reissue becomes the Surat Tugas of its revision under <paramref name="letterNumber"/>.</summary>
    /// <remarks>With the office's <paramref name="documents"/> kit, the message carries the new letter's hash.</remarks>
    public static (IReadOnlyList<object> Events, IReadOnlyList<object> Messages) Decide(AnalysisCase? c, TeamChangeAccepted m, string letterNumber,
        DateTimeOffset now, DocumentKit? documents = null)
    {
        if (!Awaits(c, m.Revision)) return ([], []);
        var p = c!.PendingTeamChange!;
        var r = c.Request;
        var letter = new SuratTugas(letterNumber, p.LeadNip, p.Members, p.Schedule, p.Revision);
        var assigned = new TeamAssignedToCase(c.Id, letter, p.Actor, now);
        var issued = documents is null ? null : Documents.AssignmentDocuments.IssuedWith(c.Apply(assigned), p.Revision, documents);
        return ([assigned],
            [new TeamAssigned(c.Id, r.Number, r.Opd, now, p.Actor, letterNumber, p.LeadNip, p.Members, p.Schedule, c.Analysis!.Summary, r.Title, p.Revision, issued)]);
    }

    /// <summary>Pure: the refused reissue is dropped; the work has started, so the team is fixed.</summary>
    public static IReadOnlyList<object> Decide(AnalysisCase? c, TeamChangeRefused m) =>
        Awaits(c, m.Revision) ? [new TeamChangeDeclined(c!.Id, m.Revision, m.Reason, m.Actor, m.OccurredAt)] : [];

    public static async Task<OutgoingMessages> Handle(TeamChangeAccepted m, IDocumentSession session, TimeProvider clock, IOptions<AssignmentOptions> options,
        DocumentKit documents)
    {
        var stream = await session.Events.FetchForWriting<AnalysisCase>(m.RequestId);
        var outgoing = new OutgoingMessages();
        if (!Awaits(stream.Aggregate, m.Revision)) return outgoing;
        var now = clock.GetUtcNow();
        // Taken only for a letter that is issued, in this handler's transaction: gap-free.
        var number = await DocumentCounters.TakeAsync(session, DocumentNumbers.SuratTugasSeries, options.Value.LetterNumberFormat, now);
        var (events, messages) = Decide(stream.Aggregate, m, number, now, documents);
        stream.AppendMany(events);
        outgoing.AddRange(messages);
        return outgoing;
    }

    public static async Task Handle(TeamChangeRefused m, IDocumentSession session)
    {
        var stream = await session.Events.FetchForWriting<AnalysisCase>(m.RequestId);
        stream.AppendMany(Decide(stream.Aggregate, m));
    }
}
