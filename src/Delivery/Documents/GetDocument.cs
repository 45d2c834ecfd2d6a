using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Documents;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Delivery.Documents;

/// <summary>One document of a work order as PDF.</summary>
public static class GetDocument
{
    [WolverineGet("/work-orders/{id}/documents/{kind}", OperationId = "getWorkOrderDocument")]
    [EndpointSummary("A document of the work order as PDF: its name from the list (laporan-hasil-pelaksanaan-2), or a kind alone for the latest of it")]
    [ProducesResponseType(typeof(Stream), 200, "application/pdf"), ProducesResponseType(403), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, string kind, HttpContext http, IQuerySession session, DocumentKit kit)
    {
        var (work, problem) = await Guard.LoadAsync<WorkOrder>(session, http, id, "work order");
        if (problem is not null) return problem;
        return DocumentsEndpoints.Find(DeliveryDocuments.Of(work!), kind) is { } letter
            ? DocumentsEndpoints.Pdf(kit.Render(letter))
            : Problems.NotFound("document");
    }
}
