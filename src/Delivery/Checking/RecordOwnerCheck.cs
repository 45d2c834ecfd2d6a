using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;

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

    [WolverinePost("/work-orders/{id}/owner-check")]
    [EndpointSummary("Record the owner check: result accepted or revision-requested, findings (the requesting OPD)")]
    [ProducesResponseType<BeritaAcaraResponse>(200), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static async Task<IResult> Post(Guid id, CheckForm? body, HttpContext http, IDocumentSession session, IMessageBus bus,
        TimeProvider clock, IOptions<DeliveryOptions> options)
    {
        var (accepted, findings, errors) = Findings.Read(body, "accepted", "revision-requested");
        if (errors.Any) return errors.ToResult();
        var (stream, problem) = await CommandStream.LoadAsync<WorkOrder>(session, http, id);
        if (problem is not null) return problem;
        var work = stream!.Aggregate!;
        if (WhyNot(work) is { } reason) return Problems.Conflict(reason);

        var now = clock.GetUtcNow();
        var number = await BeritaAcara.TakeAsync(session, options.Value, now, http.RequestAborted);
        return await CommandStream.ApplyAsync(Decide(work, accepted!.Value, findings, number, http.User.ToActor(Roles.Opd), now),
            stream, bus, http, _ => Results.Ok(new BeritaAcaraResponse(number)));
    }
}
