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

/// <summary>
/// The OPD withdraws its request, which it may do until a team is assigned. Before registration Intake owns the
/// request and decides (204). After it Assignment does (it assigns the team): the withdrawal becomes a request to it
/// (202, <c>withdrawal-requested</c>) and the request follows its answer (<c>RequestWithdrawn</c> or <c>WithdrawalRefused</c>).
/// </summary>
public static class Withdraw
{
    public static Decision Decide(ServiceRequest request, string reason, Actor actor, DateTimeOffset now)
    {
        if (request.IsClosed)
            return Decision.Refuse($"The request is already {request.Status.ToApiName()}.");
        if (request.Status == RequestStatus.WithdrawalRequested)
            return Decision.Refuse("A withdrawal of this request is already asked; the analysis section's answer is awaited.");
        // Refusing on what Intake has heard is safe: a team once assigned stays assigned. Accepting is not, so after
        // registration only Assignment accepts.
        if (!request.IsBeforeTeamAssignment)
            return Decision.Refuse("A request can be withdrawn only until a team is assigned; a team has been assigned to this one.");
        if (request.IsInStepOne)
            return Decision.Accept(
                new Withdrawn(request.Id, reason, actor, now),
                new RequestWithdrawn(request.Id, request.Number, request.Opd, now, actor, reason, request.TrackingCode));
        return Decision.Accept(
            new WithdrawalAsked(request.Id, reason, actor, now),
            new WithdrawalRequested(request.Id, request.Number!, request.Opd, now, actor, reason, Registration(request, now, actor)));
    }

    /// <summary>The registration as Intake published it, carried with the withdrawal request for an owner that has not heard of it yet.</summary>
    public static RequestRegistered Registration(ServiceRequest request, DateTimeOffset now, Actor actor) =>
        Registering.Register.Message(request, request.Number!, request.RegisteredBy ?? actor, request.RegisteredAt ?? now);

    /// <summary>Pure: the reason, or the error.</summary>
    public static (string Reason, Errors Errors) Read(WithdrawForm? body)
    {
        var errors = new Errors();
        return (errors.Text("reason", body?.Reason, 2000) ?? "", errors);
    }

    public static IResult Validate(WithdrawForm? body) => CommandFlow.Continue(Read(body).Errors);

    public static IResult Before(HttpContext http, ServiceRequest? request) => CommandFlow.Check(http, request, request?.Version);

    [WolverinePost("/requests/{id}/withdraw", OperationId = "withdrawRequest")]
    [EndpointSummary("Withdraw a request until a team is assigned (OPD): 204 before registration, 202 withdrawal-requested after it")]
    [ProducesResponseType(204), ProducesResponseType(202), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static (IResult, Events, OutgoingMessages) Post(WithdrawForm? body, [WriteAggregate(Required = false)] ServiceRequest? request, HttpContext http, TimeProvider clock)
    {
        var decision = Decide(request!, Read(body).Reason, http.User.ToActor(Roles.Opd), clock.GetUtcNow());
        var asked = decision is Decision.Accepted { Events: [WithdrawalAsked] };
        return CommandFlow.Answer(decision, request!.Version, http,
            // No body, as the 204: the request (its Location) shows withdrawal-requested until Assignment answers.
            asked ? Results.Accepted($"/requests/{request.Id}") : null);
    }
}
