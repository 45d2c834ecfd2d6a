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

public sealed record BeritaAcaraResponse(string BeritaAcaraNumber);

/// <summary>Step 4: the team's app-security member records the internal check with its Berita Acara.</summary>
public static class RecordInternalCheck
{
    public static string? WhyNot(WorkOrder w) => w.Status == WorkOrderStatus.InternalCheck ? null
        : $"The internal check can be recorded only after the execution report; this work order is {w.Status.ToApiName()}.";

    /// <summary>Pure; with the office's <paramref name="documents"/> kit the message carries the Berita Acara's hash.</summary>
    public static Decision Decide(WorkOrder w, bool passed, IReadOnlyList<Finding> findings, string beritaAcara, Actor actor, DateTimeOffset now,
        DocumentKit? documents = null)
    {
        if (WhyNot(w) is { } reason) return Decision.Refuse(reason);
        var recorded = new InternalCheckRecorded(w.Id, w.Current.Number, passed, findings, beritaAcara, actor, now);
        var issued = documents is null ? null
            : DeliveryDocuments.Issued(w.Apply(recorded), BeritaAcaraPemeriksaanLetter.InternalKind, w.Current.Number, documents);
        return Decision.Accept(recorded,
            new InternalCheckCompleted(w.Id, w.Number, w.Opd, now, actor, w.Current.Number, passed, findings, beritaAcara, issued));
    }

    public static IResult Validate(CheckForm? body) => CommandFlow.Continue(Findings.Read(body, "passed", "failed").Errors);

    public static IResult Before(HttpContext http, WorkOrder? work) => CommandFlow.Check(http, work, work?.Version);

    [WolverinePost("/work-orders/{id}/internal-check", OperationId = "recordInternalCheck")]
    [EndpointSummary("Record the internal check: result passed or failed, findings (the team's app-security member)")]
    [ProducesResponseType<BeritaAcaraResponse>(200), ProducesResponseType(400), ProducesResponseType(403), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static async Task<(IResult, Events, OutgoingMessages)> Post(CheckForm? body, [WriteAggregate(Required = false)] WorkOrder? work,
        HttpContext http, IDocumentSession session, TimeProvider clock, IOptions<DeliveryOptions> options, DocumentKit documents)
    {
        var (passed, findings, _) = Findings.Read(body, "passed", "failed");
        if (WhyNot(work!) is { } reason) return CommandFlow.Refused(reason);
        var now = clock.GetUtcNow();
        var number = await BeritaAcara.TakeAsync(session, options.Value, now, http.RequestAborted);
        return CommandFlow.Answer(Decide(work!, passed!.Value, findings, number, http.User.ToActor(Roles.AppSecurity), now, documents), work!.Version,
            http, Results.Ok(new BeritaAcaraResponse(number)));
    }
}
