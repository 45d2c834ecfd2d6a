using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.Intake.Submitting;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

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
                RequestFormValidator.Wire(d.Category), d.ApplicationName, round, request.TrackingCode));
    }

    public static IResult Before(HttpContext http, ServiceRequest? request) => CommandFlow.Check(http, request, request?.Version);

    [WolverinePost("/requests/{id}/resubmit", OperationId = "resubmitRequest")]
    [EndpointSummary("Resubmit an amended request (OPD)")]
    [ProducesResponseType(204), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static (IResult, Events, OutgoingMessages) Post([WriteAggregate(Required = false)] ServiceRequest? request, HttpContext http, TimeProvider clock) =>
        CommandFlow.Answer(Decide(request!, http.User.ToActor(Roles.Opd), clock.GetUtcNow()), request!.Version, http);
}
