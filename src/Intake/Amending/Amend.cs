using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.Intake.Submitting;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;

namespace Spbe.Intake.Amending;

/// <summary>The OPD amends a returned request (same body as submit).</summary>
public static class Amend
{
    public static Decision Decide(ServiceRequest request, RequestDetails details, Actor actor, DateTimeOffset now) =>
        request.Status == RequestStatus.Returned
            ? Decision.Accept(new Amended(request.Id, details, actor, now))
            : Decision.Refuse($"Only a request returned to the OPD can be amended; this one is {request.Status.ToApiName()}.");

    [WolverinePut("/requests/{id}")]
    [EndpointSummary("Amend a returned request (OPD)")]
    [ProducesResponseType(204), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static async Task<IResult> Put(Guid id, RequestForm? body, HttpContext http, IDocumentSession session, IMessageBus bus, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var (details, errors) = RequestFormValidator.Validate(body, Wib.Today(now));
        if (details is null) return errors.ToResult();
        var (stream, problem) = await CommandStream.LoadAsync<ServiceRequest>(session, http, id);
        if (problem is not null) return problem;
        return await CommandStream.ApplyAsync(Decide(stream!.Aggregate!, details, http.User.ToActor(Roles.Opd), now), stream, bus, http);
    }
}
