using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Delivery.GettingHistory;

public static class GetHistory
{
    [WolverineGet("/work-orders/{id}/history", OperationId = "getWorkOrderHistory")]
    [EndpointSummary("The work order's events")]
    [ProducesResponseType<IReadOnlyList<HistoryEntry>>(200), ProducesResponseType(403), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session)
    {
        var (work, problem) = await Guard.LoadAsync<WorkOrder>(session, http, id, "work order");
        if (problem is not null) return problem;
        return Results.Ok(await History.ReadAsync(session, id, http.RequestAborted));
    }
}
