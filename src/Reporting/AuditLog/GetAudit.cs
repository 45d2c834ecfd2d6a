using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Reporting.AuditLog;

public sealed record AuditItem(
    long Seq, string Type, Guid RequestId, string? RequestNumber, string Opd, Actor Actor,
    DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, JsonElement Payload, string PrevHash, string ContentHash, string Hash);

/// <summary>One page of the audit log: <paramref name="Next"/> is the cursor for the following page (null at the end).</summary>
public sealed record AuditPage(IReadOnlyList<AuditItem> Items, long? Next);

/// <summary>The audit log in arrival order, filtered, with cursor paging.</summary>
public static class GetAudit
{
    public const int DefaultLimit = 50, MaxLimit = 200;

    public static AuditItem ToItem(AuditEntry e) => new(e.Seq, e.Type, e.RequestId, e.RequestNumber, e.Opd,
        new Actor(e.ActorId, e.ActorName, e.ActorRole, e.ActorNip), e.OccurredAt, e.RecordedAt,
        JsonDocument.Parse(e.Payload).RootElement.Clone(), e.PrevHash, e.ContentHash, e.Hash);

    [WolverineGet("/audit", OperationId = "getAuditLog")]
    [EndpointSummary("The audit log: filter requestId, opd, actor, type, from, to; cursor paging with after and limit")]
    [ProducesResponseType<AuditPage>(200), ProducesResponseType(400)]
    public static async Task<IResult> Get(HttpContext http, NpgsqlDataSource database,
        string? requestId, string? opd, string? actor, string? type, string? from, string? to, string? after, string? limit)
    {
        var errors = new Errors();
        var filter = AuditFilter.Read(requestId, opd, actor, type, from, to, errors);
        var size = Paging.Number(limit, "limit", DefaultLimit, 1, MaxLimit, errors);
        long? cursor = null;
        if (!string.IsNullOrWhiteSpace(after))
        {
            if (long.TryParse(after, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var a)) cursor = a;
            else errors.Add("after", "A cursor from a previous page.");
        }
        if (errors.Any) return errors.ToResult();

        await using var cmd = database.CreateCommand();
        cmd.CommandText = $"select {AuditFilter.Columns} from {ReportingSchema.AuditLog} {filter.Where(cmd, cursor)} order by seq limit @limit";
        cmd.Parameters.AddWithValue("limit", size + 1);
        var items = new List<AuditItem>();
        await using (var r = await cmd.ExecuteReaderAsync(http.RequestAborted))
            while (await r.ReadAsync(http.RequestAborted)) items.Add(ToItem(AuditFilter.ReadEntry(r)));
        var more = items.Count > size;
        if (more) items.RemoveAt(items.Count - 1);
        return Results.Ok(new AuditPage(items, more ? items[^1].Seq : null));
    }
}
