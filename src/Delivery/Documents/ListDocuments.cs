using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Documents;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Delivery.Documents;

/// <summary>The documents a work order has issued, for whoever may read the work order.</summary>
public static class ListDocuments
{
    [WolverineGet("/work-orders/{id}/documents", OperationId = "listWorkOrderDocuments")]
    [EndpointSummary("The work order's documents (each round's Laporan hasil pelaksanaan and Berita Acara, the Berita Acara Serah Terima): kind, number, date, SHA-256, address of the PDF")]
    [ProducesResponseType<IReadOnlyList<DocumentEntry>>(200), ProducesResponseType(403), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, DocumentKit kit)
    {
        var (work, problem) = await Guard.LoadAsync<WorkOrder>(session, http, id, "work order");
        if (problem is not null) return problem;
        return Results.Ok(kit.List(DeliveryDocuments.Of(work!), $"/work-orders/{id}/documents"));
    }
}
