using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Documents;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Assignment.Documents;

/// <summary>One document of a case as PDF.</summary>
public static class GetDocument
{
    [WolverineGet("/analyses/{id}/documents/{kind}", OperationId = "getAnalysisDocument")]
    [EndpointSummary("A document of the case as PDF: hasil-analisis, surat-tugas (the latest) or surat-tugas-{revision}")]
    [ProducesResponseType(typeof(Stream), 200, "application/pdf"), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, string kind, HttpContext http, IQuerySession session, DocumentKit kit)
    {
        var (@case, problem) = await Guard.LoadAsync<AnalysisCase>(session, http, id, "case");
        if (problem is not null) return problem;
        return DocumentsEndpoints.Find(AssignmentDocuments.Of(@case!), kind) is { } letter
            ? DocumentsEndpoints.Pdf(kit.Render(letter))
            : Problems.NotFound("document");
    }
}
