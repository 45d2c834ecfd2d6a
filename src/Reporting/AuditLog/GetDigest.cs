using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace Spbe.Reporting.AuditLog;

/// <summary>The chain's head now, for inspectors to keep outside the system.</summary>
public static class GetDigest
{
    public static async Task<Digest> CurrentAsync(NpgsqlDataSource database, DateTimeOffset now, CancellationToken ct)
    {
        // The head's position is the count of entries (one index lookup); a head without one is counted.
        await using var cmd = database.CreateCommand($"""
            select coalesce(h.chain_position, (select count(*) from {ReportingSchema.AuditLog})), h.hash
            from (select 1) one left join (select chain_position, hash from {ReportingSchema.AuditLog} order by seq desc limit 1) h on true
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new Digest(r.GetInt64(0), r.IsDBNull(1) ? AuditChain.Genesis : r.GetString(1), now);
    }

    public sealed record DigestView(long Entries, string HeadHash, DateTimeOffset At, string Digest);

    [WolverineGet("/audit/digest", OperationId = "getAuditDigest")]
    [EndpointSummary("The chain's head now: entries, headHash, at, and the digest token to keep")]
    [ProducesResponseType<DigestView>(200)]
    public static async Task<IResult> Get(HttpContext http, NpgsqlDataSource database, TimeProvider clock)
    {
        var d = await CurrentAsync(database, clock.GetUtcNow(), http.RequestAborted);
        return Results.Ok(new DigestView(d.Entries, d.HeadHash, d.At, d.Token));
    }
}
