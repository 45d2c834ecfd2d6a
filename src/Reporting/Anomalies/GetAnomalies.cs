using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Reporting.Anomalies;

/// <summary>A request whose services disagree, with each disagreement.</summary>
public sealed record RequestAnomaly(Guid RequestId, string? Number, string Opd, IReadOnlyList<Anomaly> Anomalies, DateTimeOffset DetectedAt);

/// <summary>Keeps the anomalies table: one row per request whose services disagree, rewritten with its step facts.</summary>
public static class AnomalyTable
{
    public static void QueueReplace(IDocumentSession session, Guid requestId, string? number, string opd, IReadOnlyList<Anomaly> anomalies, DateTimeOffset now)
    {
        session.QueueSqlCommand($"delete from {ReportingSchema.Anomalies} where request_id = ?", requestId);
        if (anomalies.Count == 0) return;
        session.QueueSqlCommand(
            $"insert into {ReportingSchema.Anomalies} (request_id, request_number, opd, anomalies, detected_at) values (?, ?::text, ?, ?::jsonb, ?)",
            requestId, (object?)number ?? DBNull.Value, opd, JsonSerializer.Serialize(anomalies, Json.Options), now);
    }
}

/// <summary>Requests whose services disagree (withdrawn and started, two teams, …): empty on a healthy system.</summary>
public static class GetAnomalies
{
    [WolverineGet("/audit/anomalies", OperationId = "listAnomalies")]
    [EndpointSummary("Requests whose services disagree (auditor, operator): empty on a healthy system")]
    [ProducesResponseType<ListPage<RequestAnomaly>>(200), ProducesResponseType(400)]
    public static async Task<IResult> Get(HttpContext http, NpgsqlDataSource database, string? page, string? pageSize)
    {
        var errors = new Errors();
        var (p, size) = Paging.Read(page, pageSize, errors);
        if (errors.Any) return errors.ToResult();
        var items = new List<RequestAnomaly>();
        long total = 0;
        await using var cmd = database.CreateCommand(
            $"select request_id, request_number, opd, anomalies::text, detected_at, count(*) over () from {ReportingSchema.Anomalies} " +
            "order by detected_at, request_id limit @limit offset @offset");
        cmd.Parameters.AddWithValue("limit", size);
        cmd.Parameters.AddWithValue("offset", (p - 1) * size);
        await using var r = await cmd.ExecuteReaderAsync(http.RequestAborted);
        while (await r.ReadAsync(http.RequestAborted))
        {
            items.Add(new RequestAnomaly(r.GetGuid(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2),
                JsonSerializer.Deserialize<List<Anomaly>>(r.GetString(3), Json.Options)!, r.GetFieldValue<DateTimeOffset>(4)));
            total = r.GetInt64(5);
        }
        return Results.Ok(new ListPage<RequestAnomaly>(items, p, size, total));
    }
}
