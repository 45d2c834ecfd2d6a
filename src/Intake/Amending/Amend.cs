using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.Intake.Submitting;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Spbe.Intake.Amending;

/// <summary>The OPD amends a returned request (same body as submit).</summary>
public static class Amend
{
    public static Decision Decide(ServiceRequest request, RequestDetails details, Actor actor, DateTimeOffset now) =>
        request.Status == RequestStatus.Returned
            ? Decision.Accept(new Amended(request.Id, details, actor, now))
            : Decision.Refuse($"Only a request returned to the OPD can be amended; this one is {request.Status.ToApiName()}.");

    public static IResult Validate(RequestForm? body, TimeProvider clock) =>
        CommandFlow.Continue(RequestFormValidator.Validate(body, Wib.Today(clock.GetUtcNow())).Errors);

    public static IResult Before(HttpContext http, ServiceRequest? request) => CommandFlow.Check(http, request, request?.Version);

    [WolverinePut("/requests/{id}", OperationId = "amendRequest")]
    [EndpointSummary("Amend a returned request (OPD)")]
    [ProducesResponseType(204), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static (IResult, Events, OutgoingMessages) Put(RequestForm? body, [WriteAggregate(Required = false)] ServiceRequest? request, HttpContext http, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var details = RequestFormValidator.Validate(body, Wib.Today(now)).Details!;
        return CommandFlow.Answer(Decide(request!, details, http.User.ToActor(Roles.Opd), now), request!.Version, http);
    }
}
