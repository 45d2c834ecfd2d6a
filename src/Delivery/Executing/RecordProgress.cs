using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;

namespace Spbe.Delivery.Executing;

public sealed record ProgressForm(string? Note, int? Percent);

/// <summary>A team member notes progress on the current round.</summary>
public static class RecordProgress
{
    public static Decision Decide(WorkOrder w, string note, int percent, Actor actor, DateTimeOffset now) =>
        w.Status == WorkOrderStatus.InExecution
            ? Decision.Accept(new ProgressRecorded(w.Id, w.Current.Number, note, percent, actor, now))
            : Decision.Refuse($"Progress can be noted only while the work is in execution; this work order is {w.Status.ToApiName()}.");

    [WolverinePost("/work-orders/{id}/progress")]
    [EndpointSummary("Note progress: note, percent (a team member)")]
    [ProducesResponseType(204), ProducesResponseType(400), ProducesResponseType(403), ProducesResponseType(404), ProducesResponseType(409)]
    public static async Task<IResult> Post(Guid id, ProgressForm? body, HttpContext http, IDocumentSession session, IMessageBus bus, TimeProvider clock)
    {
        var errors = new Errors();
        var note = errors.Text("note", body?.Note, 2000);
        if (body?.Percent is null) errors.Add("percent", "Required.");
        else if (body.Percent is < 0 or > 100) errors.Add("percent", "From 0 to 100.");
        if (errors.Any) return errors.ToResult();
        return await TeamCommand.RunAsync(id, http, session, bus, (w, actor) => Decide(w, note!, body!.Percent!.Value, actor, clock.GetUtcNow()));
    }
}
