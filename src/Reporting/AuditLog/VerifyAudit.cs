using System.Data;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Reporting.AuditLog;

/// <summary>The result of recomputing the chain; with a digest, whether the log still extends it unchanged.</summary>
public sealed record VerifyResult(bool Ok, long Entries, long? FirstBrokenAt, string? Reason, bool? DigestMatches);

/// <summary>Recomputes the whole chain, streaming, and names the first entry that does not fit.</summary>
public static class VerifyAudit
{
    /// <summary>Pure over a sequence of entries in order: the chain check, and the digest check when one is given.</summary>
    public static VerifyResult Verify(IEnumerable<AuditEntry> entries, (long Entries, string HeadHash)? digest)
    {
        var previous = AuditChain.Genesis;
        long count = 0;
        long? brokenAt = null;
        string? reason = null;
        bool? digestMatches = digest is { Entries: 0 } ? digest.Value.HeadHash == AuditChain.Genesis : null;
        foreach (var e in entries)
        {
            count++;
            if (brokenAt is null && AuditChain.Check(e, previous) is { } why)
            {
                brokenAt = e.Seq;
                reason = why;
            }
            if (digest is { } d && count == d.Entries) digestMatches = brokenAt is null && e.Hash == d.HeadHash;
            previous = e.Hash;
        }
        if (digest is { } given && given.Entries > count) digestMatches = false; // entries given out earlier are gone
        return new VerifyResult(brokenAt is null && digestMatches != false, count, brokenAt,
            reason ?? (digestMatches == false ? "the log does not extend the digest given (it was rewritten or cut)" : null), digestMatches);
    }

    [WolverineGet("/audit/verify", OperationId = "verifyAuditLog")]
    [EndpointSummary("Checks the hash chain; with ?digest= also that the log still extends that digest unchanged")]
    [ProducesResponseType<VerifyResult>(200), ProducesResponseType(400)]
    public static async Task<IResult> Get(HttpContext http, NpgsqlDataSource database, string? digest)
    {
        (long, string)? given = null;
        if (digest is not null)
        {
            if (!Digest.TryParse(digest, out var n, out var head))
                return Problems.Invalid("digest", "A digest as given by /audit/digest: {entries}:{headHash}.");
            given = (n, head);
        }
        await using var cmd = database.CreateCommand($"select {AuditFilter.Columns} from {ReportingSchema.AuditLog} order by seq");
        await using var r = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, http.RequestAborted);
        return Results.Ok(Verify(Read(r, http.RequestAborted), given));
    }

    private static IEnumerable<AuditEntry> Read(NpgsqlDataReader r, CancellationToken ct)
    {
        // Synchronous reads keep the pure Verify usable over a stream of any length.
        while (r.Read()) { ct.ThrowIfCancellationRequested(); yield return AuditFilter.ReadEntry(r); }
    }
}
