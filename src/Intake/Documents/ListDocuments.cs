using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Documents;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Intake.Documents;

/// <summary>The documents a request has, for whoever may read the request.</summary>
public static class ListDocuments
{
    [WolverineGet("/requests/{id}/documents", OperationId = "listRequestDocuments")]
    [EndpointSummary("The request's documents (the tanda terima of its registration): kind, number, date, SHA-256, address of the PDF")]
    [ProducesResponseType<IReadOnlyList<DocumentEntry>>(200), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, DocumentKit kit)
    {
        var (request, problem) = await Guard.LoadAsync<ServiceRequest>(session, http, id);
        if (problem is not null) return problem;
        return Results.Ok(kit.List(IntakeDocuments.Of(request!), $"/requests/{id}/documents"));
    }
}
