using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Assignment.GettingCase;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Assignment.GettingHistory;

public static class GetHistory
{
    [WolverineGet("/analyses/{id}/history", OperationId = "getAnalysisHistory")]
    [EndpointSummary("The case's events")]
    [ProducesResponseType<IReadOnlyList<HistoryEntry>>(200), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session) =>
        await History.ReadAsync(session, id, http.RequestAborted) is { } history ? Results.Ok(history) : Problems.NotFound("case");
}
