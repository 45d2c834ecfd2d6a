using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;

namespace Spbe.Assignment.Rejecting;

public sealed record RejectForm(string? Reason);

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

    [WolverinePost("/analyses/{id}/reject")]
    [EndpointSummary("Reject the request with a reason (Kasi Aplikasi)")]
    [ProducesResponseType(204), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static async Task<IResult> Post(Guid id, RejectForm? body, HttpContext http, IDocumentSession session, IMessageBus bus, TimeProvider clock)
    {
        var errors = new Errors();
        var reason = errors.Text("reason", body?.Reason, 2000);
        if (errors.Any) return errors.ToResult();
        var (stream, problem) = await CommandStream.LoadAsync<AnalysisCase>(session, http, id);
        if (problem is not null) return problem;
        return await CommandStream.ApplyAsync(Decide(stream!.Aggregate!, reason!, http.User.ToActor(Roles.KasiAplikasi), clock.GetUtcNow()), stream, bus, http);
    }
}
