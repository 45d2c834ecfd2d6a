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

        // The official documents, as their service renders them (the same bytes, so the same SHA-256 the QR code's page verifies).
        app.MapGet("/dokumen/{service}/{id:guid}/{kind}", async (string service, Guid id, string kind, IServiceProvider services, CancellationToken ct) =>
        {
            try
            {
                // Each service's client has its own FileResponse type: read the stream out of whichever answered.
                async Task<byte[]> Read(IDisposable response, Stream stream)
                {
                    using (response)
                    {
                        using var memory = new MemoryStream();
                        await stream.CopyToAsync(memory, ct);
                        return memory.ToArray();
                    }
                }
                byte[]? pdf = service switch
                {
                    "intake" => await services.GetRequiredService<IIntakeClient>().GetRequestDocumentAsync(id, kind, ct) is var a ? await Read(a, a.Stream) : null,
                    "assignment" => await services.GetRequiredService<Spbe.Clients.Assignment.IAssignmentClient>().GetAnalysisDocumentAsync(id, kind, ct) is var b ? await Read(b, b.Stream) : null,
                    "delivery" => await services.GetRequiredService<Spbe.Clients.Delivery.IDeliveryClient>().GetWorkOrderDocumentAsync(id, kind, ct) is var c ? await Read(c, c.Stream) : null,
                    _ => null,
                };
                return pdf is null ? Results.NotFound() : Results.File(pdf, "application/pdf", $"{kind}.pdf");
            }
            catch (ApiException e) when (e.StatusCode is 404 or 403) { return Results.NotFound(); }
        }).RequireAuthorization();

        app.MapGet("/audit/ekspor", async (Guid? requestId, string? opd, string? type, IReportingClient reporting, CancellationToken ct) =>
        {
            try
            {
                // Streamed through: the whole log can be large. The form's empty filters are no filter.
                var csv = await reporting.ExportAuditLogAsync(requestId, string.IsNullOrWhiteSpace(opd) ? null : opd, null,
                    string.IsNullOrWhiteSpace(type) ? null : type, null, null, ct);
                return Results.Stream(csv.Stream, "text/csv; charset=utf-8", "log-audit-spbe.csv");
            }
            catch (ApiException e) when (e.StatusCode is 400 or 403 or 404) { return Results.NotFound(); }
        }).RequireAuthorization(p => p.RequireRole("auditor", "kasi-aplikasi"));
    }
}
