using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Delivery.GettingWorkOrder;

public static class GetWorkOrder
{
    [WolverineGet("/work-orders/{id}")]
    [EndpointSummary("The work order, its rounds and its schedule")]
    [ProducesResponseType<WorkOrder>(200), ProducesResponseType(403), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session)
    {
        var work = await session.LoadAsync<WorkOrder>(id, http.RequestAborted);
        if (work is null || WorkOrderAccess.Hidden(http.User, work)) return Problems.NotFound("work order");
        if (!WorkOrderAccess.CanSee(http.User, work)) return Problems.Forbidden("Only the team, the Kasi, Staf IT, the auditor and the requesting OPD see a work order.");
        http.SetETag(work.Version);
        return Results.Ok(work);
    }
}
