using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Spbe.Contracts;
using Spbe.Delivery.Documents;
using Spbe.Documents;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Spbe.Delivery.Checking;

/// <summary>Step 5: the requesting OPD checks the work, accepting it or asking for a revision, with its Berita Acara.</summary>
public static class RecordOwnerCheck
{
    public static string? WhyNot(WorkOrder w) => w.Status == WorkOrderStatus.OwnerCheck ? null
        : $"The owner check can be recorded only after the internal check passed; this work order is {w.Status.ToApiName()}.";

    /// <summary>Pure; with the office's <paramref name="documents"/> kit the message carries the Berita Acara's hash.</summary>
    public static Decision Decide(WorkOrder w, bool accepted, IReadOnlyList<Finding> findings, string beritaAcara, Actor actor, DateTimeOffset now,
        DocumentKit? documents = null)
    {
        if (WhyNot(w) is { } reason) return Decision.Refuse(reason);
        var recorded = new OwnerCheckRecorded(w.Id, w.Current.Number, accepted, findings, beritaAcara, actor, now);
        var issued = documents is null ? null
            : DeliveryDocuments.Issued(w.Apply(recorded), BeritaAcaraPemeriksaanLetter.OwnerKind, w.Current.Number, documents);
        return Decision.Accept(recorded,
            new OwnerCheckCompleted(w.Id, w.Number, w.Opd, now, actor, w.Current.Number, accepted, findings, beritaAcara, issued));
    }

    public static IResult Validate(CheckForm? body) => CommandFlow.Continue(Findings.Read(body, "accepted", "revision-requested").Errors);

    public static IResult Before(HttpContext http, WorkOrder? work) => CommandFlow.Check(http, work, work?.Version);

    [WolverinePost("/work-orders/{id}/owner-check", OperationId = "recordOwnerCheck")]
    [EndpointSummary("Record the owner check: result accepted or revision-requested, findings (the requesting OPD)")]
    [ProducesResponseType<BeritaAcaraResponse>(200), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static async Task<(IResult, Events, OutgoingMessages)> Post(CheckForm? body, [WriteAggregate(Required = false)] WorkOrder? work,
        HttpContext http, IDocumentSession session, TimeProvider clock, IOptions<DeliveryOptions> options, DocumentKit documents)
    {
        var (accepted, findings, _) = Findings.Read(body, "accepted", "revision-requested");
        if (WhyNot(work!) is { } reason) return CommandFlow.Refused(reason);
        var now = clock.GetUtcNow();
        var number = await BeritaAcara.TakeAsync(session, options.Value, now, http.RequestAborted);
        return CommandFlow.Answer(Decide(work!, accepted!.Value, findings, number, http.User.ToActor(Roles.Opd), now, documents), work!.Version,
            http, Results.Ok(new BeritaAcaraResponse(number)));
    }
}
