using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Documents;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Assignment.Documents;

/// <summary>The documents a case has issued, for whoever may read the case.</summary>
public static class ListDocuments
{
    [WolverineGet("/analyses/{id}/documents", OperationId = "listAnalysisDocuments")]
    [EndpointSummary("The case's documents (Hasil analisis, each Surat Tugas): kind, number, date, SHA-256, address of the PDF")]
    [ProducesResponseType<IReadOnlyList<DocumentEntry>>(200), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, DocumentKit kit)
    {
        var (@case, problem) = await Guard.LoadAsync<AnalysisCase>(session, http, id, "case");
        if (problem is not null) return problem;
        return Results.Ok(kit.List(AssignmentDocuments.Of(@case!), $"/analyses/{id}/documents"));
    }
}
