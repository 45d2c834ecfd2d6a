using System.Data;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Reporting.AuditLog;

/// <summary>The audit log as CSV, streamed row by row from the database to the response: never held whole in memory.</summary>
public static class ExportAudit
{
    public const string Header = "seq,occurred_at,recorded_at,type,request_id,request_number,opd,actor_id,actor_name,actor_role,actor_nip,payload,prev_hash,content_hash,hash";

    /// <summary>RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet does not run it as a formula.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    [WolverineGet("/audit/export", OperationId = "exportAuditLog")]
    [EndpointSummary("The audit log as CSV, with the same filters as /audit")]
    // A stream in the contract (binary), so that clients read the CSV as it comes instead of parsing it as JSON.
    [ProducesResponseType(typeof(Stream), 200, "text/csv"), ProducesResponseType(400)]
    public static async Task<IResult> Get(HttpContext http, NpgsqlDataSource database,
        string? requestId, string? opd, string? actor, string? type, string? from, string? to)
    {
        var errors = new Errors();
        var filter = AuditFilter.Read(requestId, opd, actor, type, from, to, errors);
        if (errors.Any) return errors.ToResult();

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"audit-log.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), bufferSize: 64 * 1024);
        await writer.WriteAsync(Header + "\n");

        await using var cmd = database.CreateCommand();
        cmd.CommandText = $"select {AuditFilter.Columns} from {ReportingSchema.AuditLog} {filter.Where(cmd)} order by seq";
        await using var r = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, http.RequestAborted);
        var rows = 0;
        while (await r.ReadAsync(http.RequestAborted))
        {
            var e = AuditFilter.ReadEntry(r);
            await writer.WriteAsync(string.Join(',',
                e.Seq.ToString(CultureInfo.InvariantCulture), e.OccurredAt.UtcDateTime.ToString("O"), e.RecordedAt.UtcDateTime.ToString("O"),
                Field(e.Type), e.RequestId.ToString("D"), Field(e.RequestNumber), Field(e.Opd), Field(e.ActorId), Field(e.ActorName),
                Field(e.ActorRole), Field(e.ActorNip), Field(e.Payload), e.PrevHash, e.ContentHash, e.Hash) + "\n");
            if (++rows % 1000 == 0) await writer.FlushAsync(http.RequestAborted);
        }
        await writer.FlushAsync(http.RequestAborted);
        return Results.Empty;
    }
}
