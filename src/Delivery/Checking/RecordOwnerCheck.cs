using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Spbe.Contracts;
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

    public static Decision Decide(WorkOrder w, bool accepted, IReadOnlyList<Finding> findings, string beritaAcara, Actor actor, DateTimeOffset now) =>
        WhyNot(w) is { } reason ? Decision.Refuse(reason) : Decision.Accept(
            new OwnerCheckRecorded(w.Id, w.Current.Number, accepted, findings, beritaAcara, actor, now),
            new OwnerCheckCompleted(w.Id, w.Number, w.Opd, now, actor, w.Current.Number, accepted, findings, beritaAcara));

    public static IResult Validate(CheckForm? body) => CommandFlow.Continue(Findings.Read(body, "accepted", "revision-requested").Errors);

    public static IResult Before(HttpContext http, WorkOrder? work) => CommandFlow.Check(http, work, work?.Version);

    [WolverinePost("/work-orders/{id}/owner-check", OperationId = "recordOwnerCheck")]
    [EndpointSummary("Record the owner check: result accepted or revision-requested, findings (the requesting OPD)")]
    [ProducesResponseType<BeritaAcaraResponse>(200), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static async Task<(IResult, Events, OutgoingMessages)> Post(CheckForm? body, [WriteAggregate(Required = false)] WorkOrder? work,
        HttpContext http, IDocumentSession session, TimeProvider clock, IOptions<DeliveryOptions> options)
    {
        var (accepted, findings, _) = Findings.Read(body, "accepted", "revision-requested");
        if (WhyNot(work!) is { } reason) return CommandFlow.Refused(reason);
        var now = clock.GetUtcNow();
        var number = await BeritaAcara.TakeAsync(session, options.Value, now, http.RequestAborted);
        return CommandFlow.Answer(Decide(work!, accepted!.Value, findings, number, http.User.ToActor(Roles.Opd), now), work!.Version,
            http, Results.Ok(new BeritaAcaraResponse(number)));
    }
}
