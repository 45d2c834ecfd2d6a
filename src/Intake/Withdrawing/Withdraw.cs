using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;

namespace Spbe.Intake.Withdrawing;

public sealed record WithdrawForm(string? Reason);

/// <summary>The OPD withdraws its request, which it may do until a team is assigned.</summary>
public static class Withdraw
{
    public static Decision Decide(ServiceRequest request, string reason, Actor actor, DateTimeOffset now)
    {
        if (!request.IsBeforeTeamAssignment)
            return Decision.Refuse(request.IsClosed
                ? $"The request is already {request.Status.ToApiName()}."
                : "A request can be withdrawn only until a team is assigned; a team has been assigned to this one.");
        return Decision.Accept(
            new Withdrawn(request.Id, reason, actor, now),
            new RequestWithdrawn(request.Id, request.Number, request.Opd, now, actor, reason));
    }

    [WolverinePost("/requests/{id}/withdraw")]
    [EndpointSummary("Withdraw a request until a team is assigned (OPD)")]
    [ProducesResponseType(204), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static async Task<IResult> Post(Guid id, WithdrawForm? body, HttpContext http, IDocumentSession session, IMessageBus bus, TimeProvider clock)
    {
        var errors = new Errors();
        var reason = errors.Text("reason", body?.Reason, 2000);
        if (errors.Any) return errors.ToResult();
        var (stream, problem) = await CommandStream.LoadAsync<ServiceRequest>(session, http, id);
        if (problem is not null) return problem;
        return await CommandStream.ApplyAsync(Decide(stream!.Aggregate!, reason!, http.User.ToActor(Roles.Opd), clock.GetUtcNow()), stream, bus, http);
    }
}
