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
            reason ?? (digestMatches == false ? DigestNotExtended : null), digestMatches);
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
        return Results.Ok(await VerifyAsync(database, given, DefaultSegments, http.RequestAborted));
    }

    /// <summary>One segment per core and one more, so a core never waits while PostgreSQL fills a socket.</summary>
    public static readonly int DefaultSegments = Environment.ProcessorCount + 1;

    /// <summary>
    /// The same answer as <see cref="Verify"/> over the whole log in order, computed in <paramref name="segments"/>
    /// ranges of seq read in parallel: each entry is checked from its own fields and its stored prev, each link
    /// inside a segment as it is read, then each segment's first prev against the last hash of the segment before.
    /// All ranges read one snapshot (exported by the coordinating transaction), as one query would.
    /// </summary>
    public static async Task<VerifyResult> VerifyAsync(NpgsqlDataSource database, (long Entries, string HeadHash)? digest, int segments, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        string snapshot;
        long? min, max;
        await using (var cmd = new NpgsqlCommand(
            $"select pg_export_snapshot(), (select min(seq) from {ReportingSchema.AuditLog}), (select max(seq) from {ReportingSchema.AuditLog})", conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            snapshot = r.GetString(0);
            min = r.IsDBNull(1) ? null : r.GetInt64(1);
            max = r.IsDBNull(2) ? null : r.GetInt64(2);
        }

        var ranges = min is { } lo && max is { } hi ? Ranges(lo, hi, segments) : [];
        // Threads, not async reads: the work is hashing, and a synchronous reader costs less per row.
        var results = await Task.WhenAll(ranges.Select(range => Task.Factory.StartNew(
            () => ReadSegment(database, snapshot, range.From, range.To, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

        var previous = AuditChain.Genesis;
        long count = 0;
        long? brokenAt = null;
        string? reason = null;
        var ends = new List<(long Count, long From, long To)>();
        for (var i = 0; i < results.Length; i++)
        {
            var s = results[i];
            if (s.Count == 0) continue;
            if (brokenAt is null)
            {
                if (s.FirstPrev != previous) (brokenAt, reason) = (s.FirstSeq, AuditChain.BrokenLink);
                else if (s.FirstOwn is not null) (brokenAt, reason) = (s.FirstSeq, s.FirstOwn);
                else if (s.BrokenAt is not null) (brokenAt, reason) = (s.BrokenAt, s.Reason);
            }
            previous = s.LastHash!;
            count += s.Count;
            ends.Add((count, ranges[i].From, ranges[i].To));
        }

        bool? digestMatches = null;
        if (digest is { } d)
        {
            if (d.Entries == 0) digestMatches = d.HeadHash == AuditChain.Genesis;
            else if (d.Entries > count) digestMatches = false; // entries given out earlier are gone
            else
            {
                // The digest's last entry, read in the same snapshot: its segment from the counts, then its place in it.
                var k = ends.FindIndex(e => e.Count >= d.Entries);
                var before = k == 0 ? 0 : ends[k - 1].Count;
                await using var cmd = new NpgsqlCommand(
                    $"select seq, hash from {ReportingSchema.AuditLog} where seq between @from and @to order by seq offset @skip limit 1", conn, tx);
                cmd.Parameters.AddWithValue("from", ends[k].From);
                cmd.Parameters.AddWithValue("to", ends[k].To);
                cmd.Parameters.AddWithValue("skip", d.Entries - before - 1);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                await r.ReadAsync(ct);
                var (seq, hash) = (r.GetInt64(0), r.GetString(1));
                digestMatches = (brokenAt is null || brokenAt > seq) && hash == d.HeadHash;
            }
        }
        return new VerifyResult(brokenAt is null && digestMatches != false, count, brokenAt,
            reason ?? (digestMatches == false ? DigestNotExtended : null), digestMatches);
    }

    private const string DigestNotExtended = "the log does not extend the digest given (it was rewritten or cut)";

    /// <summary>Pure: [<paramref name="min"/>, <paramref name="max"/>] cut into at most <paramref name="segments"/> consecutive ranges of seq.</summary>
    public static IReadOnlyList<(long From, long To)> Ranges(long min, long max, int segments)
    {
        var total = max - min + 1;
        var n = (int)Math.Clamp(total, 1, Math.Max(1, segments));
        var ranges = new List<(long, long)>(n);
        for (var i = 0; i < n; i++)
            ranges.Add((min + total * i / n, min + total * (i + 1) / n - 1));
        return ranges;
    }

    /// <summary>What a segment knows alone: its first entry's prev and own checks, the first break after it, its last hash.</summary>
    private sealed record Segment(long Count, long FirstSeq, string? FirstPrev, string? FirstOwn, long? BrokenAt, string? Reason, string? LastHash);

    private static Segment ReadSegment(NpgsqlDataSource database, string snapshot, long from, long to, CancellationToken ct)
    {
        using var conn = database.OpenConnection();
        using var tx = conn.BeginTransaction(IsolationLevel.RepeatableRead);
        using (var set = new NpgsqlCommand($"set transaction snapshot '{snapshot}'", conn, tx)) set.ExecuteNonQuery();
        using var cmd = new NpgsqlCommand($"select {AuditFilter.Columns} from {ReportingSchema.AuditLog} where seq between @from and @to order by seq", conn, tx);
        cmd.Parameters.AddWithValue("from", from);
        cmd.Parameters.AddWithValue("to", to);
        using var cancel = ct.Register(cmd.Cancel);
        using var r = cmd.ExecuteReader(CommandBehavior.SequentialAccess);
        var hasher = new ChainHasher();
        // Two rows, swapped after each: the one before stays readable for the link, and no field becomes a string.
        AuditRow row = new(), last = new();
        long count = 0, firstSeq = 0;
        string? firstPrev = null, firstOwn = null, reason = null;
        long? brokenAt = null;
        while (r.Read())
        {
            row.Read(r);
            if (count++ == 0)
            {
                (firstSeq, firstPrev) = (row.Seq, row.String(AuditText.PrevHash));
                firstOwn = AuditChain.CheckOwn(row, hasher);
                // A broken first entry is this segment's first break whatever follows: the rest only needs counting.
                if (firstOwn is not null) brokenAt = row.Seq;
            }
            else if (brokenAt is null)
            {
                reason = !row.Text(AuditText.PrevHash).SequenceEqual(last.Text(AuditText.Hash)) ? AuditChain.BrokenLink : AuditChain.CheckOwn(row, hasher);
                if (reason is not null) brokenAt = row.Seq;
            }
            (row, last) = (last, row);
        }
        var previous = count == 0 ? null : last.String(AuditText.Hash);
        ct.ThrowIfCancellationRequested();
        // The first entry's own break is reported through FirstOwn, after its link is judged.
        return new Segment(count, firstSeq, firstPrev, firstOwn, firstOwn is null ? brokenAt : null, firstOwn is null ? reason : null, previous);
    }
}
