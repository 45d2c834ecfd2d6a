using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Spbe.Intake.Withdrawing;

public sealed record WithdrawForm([property: Required, MaxLength(2000)] string? Reason);

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
            new RequestWithdrawn(request.Id, request.Number, request.Opd, now, actor, reason, request.TrackingCode));
    }

    /// <summary>Pure: the reason, or the error.</summary>
    public static (string Reason, Errors Errors) Read(WithdrawForm? body)
    {
        var errors = new Errors();
        return (errors.Text("reason", body?.Reason, 2000) ?? "", errors);
    }

    public static IResult Validate(WithdrawForm? body) => CommandFlow.Continue(Read(body).Errors);

    public static IResult Before(HttpContext http, ServiceRequest? request) => CommandFlow.Check(http, request, request?.Version);

    [WolverinePost("/requests/{id}/withdraw", OperationId = "withdrawRequest")]
    [EndpointSummary("Withdraw a request until a team is assigned (OPD)")]
    [ProducesResponseType(204), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static (IResult, Events, OutgoingMessages) Post(WithdrawForm? body, [WriteAggregate(Required = false)] ServiceRequest? request, HttpContext http, TimeProvider clock) =>
        CommandFlow.Answer(Decide(request!, Read(body).Reason, http.User.ToActor(Roles.Opd), clock.GetUtcNow()), request!.Version, http);
}
