using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Delivery.GettingHistory;

public static class GetHistory
{
    [WolverineGet("/work-orders/{id}/history")]
    [EndpointSummary("The work order's events")]
    [ProducesResponseType<IReadOnlyList<HistoryEntry>>(200), ProducesResponseType(403), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session)
    {
        var work = await session.LoadAsync<WorkOrder>(id, http.RequestAborted);
        if (work is null || WorkOrderAccess.Hidden(http.User, work)) return Problems.NotFound("work order");
        if (!WorkOrderAccess.CanSee(http.User, work)) return Problems.Forbidden("Only the team, the Kasi, Staf IT, the auditor and the requesting OPD see a work order.");
        return Results.Ok(await History.ReadAsync(session, id, http.RequestAborted));
    }
}
