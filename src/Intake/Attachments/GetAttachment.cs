using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Intake.Attachments;

/// <summary>Downloads an attachment, for whoever may see the request.</summary>
public static class GetAttachment
{
    [WolverineGet("/requests/{id}/attachments/{attachmentId}", OperationId = "getAttachment")]
    [EndpointSummary("Download an attachment")]
    [ProducesResponseType(typeof(Stream), 200, "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "image/png", "image/jpeg"), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, Guid attachmentId, HttpContext http, IQuerySession session, NpgsqlDataSource database)
    {
        var (request, problem) = await Guard.LoadAsync<ServiceRequest>(session, http, id);
        if (problem is not null) return problem;
        var attachment = request!.Attachments.FirstOrDefault(a => a.AttachmentId == attachmentId);
        if (attachment is null) return Problems.NotFound("attachment");

        await using var cmd = database.CreateCommand(
            $"select content from {Topology.Intake}.{IntakeConfiguration.AttachmentTable} where id = @id and request_id = @request");
        cmd.Parameters.AddWithValue("id", attachmentId);
        cmd.Parameters.AddWithValue("request", id);
        if (await cmd.ExecuteScalarAsync(http.RequestAborted) is not byte[] content) return Problems.NotFound("attachment");

        // Served as a download, never rendered inline, with the type the content was recognised as.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(content, attachment.ContentType, attachment.FileName);
    }
}
