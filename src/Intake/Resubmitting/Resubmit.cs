using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.Intake.Submitting;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;

namespace Spbe.Intake.Resubmitting;

/// <summary>The OPD sends a returned request back for the completeness check: a new round of step 1.</summary>
public static class Resubmit
{
    public static Decision Decide(ServiceRequest request, Actor actor, DateTimeOffset now)
    {
        if (request.Status != RequestStatus.Returned)
            return Decision.Refuse($"Only a request returned to the OPD can be resubmitted; this one is {request.Status.ToApiName()}.");
        var round = request.Round + 1;
        var d = request.Details;
        return Decision.Accept(
            new Resubmitted(request.Id, round, actor, now),
            new RequestSubmitted(request.Id, request.Number, request.Opd, now, actor, d.Title,
                RequestFormValidator.Wire(d.Category), d.ApplicationName, round));
    }

    [WolverinePost("/requests/{id}/resubmit")]
    [EndpointSummary("Resubmit an amended request (OPD)")]
    [ProducesResponseType(204), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static async Task<IResult> Post(Guid id, HttpContext http, IDocumentSession session, IMessageBus bus, TimeProvider clock)
    {
        var (stream, problem) = await CommandStream.LoadAsync<ServiceRequest>(session, http, id);
        if (problem is not null) return problem;
        return await CommandStream.ApplyAsync(Decide(stream!.Aggregate!, http.User.ToActor(Roles.Opd), clock.GetUtcNow()), stream, bus, http);
    }
}
