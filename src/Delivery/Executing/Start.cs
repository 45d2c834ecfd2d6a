using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Spbe.Delivery.Executing;

/// <summary>Step 3 starts: a team member starts the work of the current round.</summary>
public static class Start
{
    public static Decision Decide(WorkOrder w, Actor actor, DateTimeOffset now) => w.Status switch
    {
        WorkOrderStatus.AwaitingStart when w.HeldForRevision is { } revision => Decision.Refuse(
            $"A new Surat Tugas (revision {revision}) is being issued for this work; it can start when the letter arrives."),
        WorkOrderStatus.AwaitingStart => Decision.Accept(
            new ExecutionStarted(w.Id, w.Current.Number, actor, now),
            new WorkStarted(w.Id, w.Number, w.Opd, now, actor, w.Current.Number, w.TeamRevision)),
        _ => Decision.Refuse($"The work can be started only when it awaits its start; this work order is {w.Status.ToApiName()}."),
    };

    public static IResult Before(HttpContext http, WorkOrder? work) => CommandFlow.Check(http, work, work?.Version);

    [WolverinePost("/work-orders/{id}/start", OperationId = "startWork")]
    [EndpointSummary("Start the work of the current round (an executor named in the Surat Tugas)")]
    [ProducesResponseType(204), ProducesResponseType(403), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static (IResult, Events, OutgoingMessages) Post([WriteAggregate(Required = false)] WorkOrder? work, HttpContext http, TimeProvider clock) =>
        CommandFlow.Answer(Decide(work!, TeamCommand.Actor(http), clock.GetUtcNow()), work!.Version, http);
}
