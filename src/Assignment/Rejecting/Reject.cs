using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Spbe.Assignment.Rejecting;

public sealed record RejectForm([property: Required, MaxLength(2000)] string? Reason);

/// <summary>The Kasi rejects a request at analysis (not feasible, not the office's remit).</summary>
public static class Reject
{
    public static Decision Decide(AnalysisCase c, string reason, Actor actor, DateTimeOffset now)
    {
        if (!c.AwaitsDecision)
            return Decision.Refuse($"A request can be rejected only before a team is assigned; this case is {c.Status.ToApiName()}.");
        var r = c.Request;
        return Decision.Accept(
            new CaseRejected(c.Id, reason, actor, now),
            new RequestRejected(c.Id, r.Number, r.Opd, now, actor, reason));
    }

    /// <summary>Pure: the reason, or the error.</summary>
    public static (string Reason, Errors Errors) Read(RejectForm? body)
    {
        var errors = new Errors();
        return (errors.Text("reason", body?.Reason, 2000) ?? "", errors);
    }

    public static IResult Validate(RejectForm? body) => CommandFlow.Continue(Read(body).Errors);

    public static IResult Before(HttpContext http, AnalysisCase? @case) => CommandFlow.Check(http, @case, @case?.Version);

    [WolverinePost("/analyses/{id}/reject", OperationId = "rejectRequest")]
    [EndpointSummary("Reject the request with a reason (Kasi Aplikasi)")]
    [ProducesResponseType(204), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static (IResult, Events, OutgoingMessages) Post(RejectForm? body, [WriteAggregate(Required = false)] AnalysisCase? @case,
        HttpContext http, TimeProvider clock) =>
        CommandFlow.Answer(Decide(@case!, Read(body).Reason, http.User.ToActor(Roles.KasiAplikasi), clock.GetUtcNow()), @case!.Version, http);
}
