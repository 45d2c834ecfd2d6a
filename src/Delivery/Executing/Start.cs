using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;

namespace Spbe.Delivery.Executing;

/// <summary>Step 3 starts: a team member starts the work of the current round.</summary>
public static class Start
{
    public static Decision Decide(WorkOrder w, Actor actor, DateTimeOffset now) => w.Status switch
    {
        WorkOrderStatus.AwaitingStart => Decision.Accept(
            new ExecutionStarted(w.Id, w.Current.Number, actor, now),
            new WorkStarted(w.Id, w.Number, w.Opd, now, actor, w.Current.Number)),
        _ => Decision.Refuse($"The work can be started only when it awaits its start; this work order is {w.Status.ToApiName()}."),
    };

    [WolverinePost("/work-orders/{id}/start")]
    [EndpointSummary("Start the work of the current round (a team member)")]
    [ProducesResponseType(204), ProducesResponseType(403), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static Task<IResult> Post(Guid id, HttpContext http, IDocumentSession session, IMessageBus bus, TimeProvider clock) =>
        TeamCommand.RunAsync(id, http, session, bus, (w, actor) => Decide(w, actor, clock.GetUtcNow()));
}
