using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Intake.GettingHistory;

/// <summary>The request stream's events, for the requester and the auditors.</summary>
public static class GetHistory
{
    [WolverineGet("/requests/{id}/history", OperationId = "getRequestHistory")]
    [EndpointSummary("The request's events: type, data, actor, at, version")]
    [ProducesResponseType<IReadOnlyList<HistoryEntry>>(200), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session)
    {
        var (request, problem) = await Guard.LoadAsync<ServiceRequest>(session, http, id);
        if (problem is not null) return problem;
        return Results.Ok(await History.ReadAsync(session, id, http.RequestAborted));
    }
}
