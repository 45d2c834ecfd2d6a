using Spbe.Clients;
using Spbe.Clients.Intake;
using Spbe.Clients.Reporting;

namespace Spbe.Portal;

/// <summary>Files the portal passes on from the services with the user's token: attachments, the audit CSV.</summary>
public static class Downloads
{
    public static void MapDownloads(this WebApplication app)
    {
        app.MapGet("/permohonan/{id:guid}/lampiran/{attachmentId:guid}", async (Guid id, Guid attachmentId, IIntakeClient intake, CancellationToken ct) =>
        {
            try
            {
                var file = await intake.GetAttachmentAsync(id, attachmentId, ct);
                var type = file.Headers.TryGetValue("Content-Type", out var types) ? types.First() : "application/octet-stream";
                var name = file.Headers.TryGetValue("Content-Disposition", out var dispositions)
                    ? System.Net.Http.Headers.ContentDispositionHeaderValue.Parse(dispositions.First()).FileNameStar ?? "lampiran"
                    : "lampiran";
                using var memory = new MemoryStream();
                await file.Stream.CopyToAsync(memory, ct);
                return Results.File(memory.ToArray(), type, name);
            }
            catch (ApiException e) when (e.StatusCode is 404 or 403) { return Results.NotFound(); }
        }).RequireAuthorization();

        app.MapGet("/audit/ekspor", async (Guid? requestId, string? opd, string? type, IReportingClient reporting, CancellationToken ct) =>
            Results.File(System.Text.Encoding.UTF8.GetBytes(await reporting.ExportAuditLogAsync(requestId, opd, null, type, null, null, ct)),
                "text/csv", "log-audit-spbe.csv")).RequireAuthorization(p => p.RequireRole("auditor", "kasi-aplikasi"));
    }
}
