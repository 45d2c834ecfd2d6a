using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Documents;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Intake.Documents;

/// <summary>One document of a request as PDF.</summary>
public static class GetDocument
{
    [WolverineGet("/requests/{id}/documents/{kind}", OperationId = "getRequestDocument")]
    [EndpointSummary("A document of the request as PDF: tanda-terima")]
    [ProducesResponseType(typeof(Stream), 200, "application/pdf"), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, string kind, HttpContext http, IQuerySession session, DocumentKit kit)
    {
        var (request, problem) = await Guard.LoadAsync<ServiceRequest>(session, http, id);
        if (problem is not null) return problem;
        return DocumentsEndpoints.Find(IntakeDocuments.Of(request!), kind) is { } letter
            ? DocumentsEndpoints.Pdf(kit.Render(letter))
            : Problems.NotFound("document");
    }
}
