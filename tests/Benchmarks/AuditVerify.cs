using System.Buffers;
using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Spbe.Reporting;
using Spbe.Reporting.AuditLog;
using Spbe.Testing;

namespace Spbe.Benchmarks;

/// <summary>
/// Scenario: <c>/audit/verify</c> alone over a log of sealed entries loaded with COPY (no seeding through HTTP), beside
/// its baseline in the same run (the rows read once in order, no checks). Also timed in this process over the same
/// rows: the verify as the service runs it, and the string path it replaced, so before and after share a machine state.
/// </summary>
public static class AuditVerify
{
    public static async Task RunAsync(SystemClient client, AppHostProcess system, Report report, int entries)
    {
        await using var data = NpgsqlDataSource.Create(system.DatabaseConnectionString);
        Console.WriteLine($"verify: loading {entries} sealed entries with COPY …");
        var load = Stopwatch.StartNew();
        var random = new Random(2028);
        var plans = Enumerable.Range(0, (entries + 7) / 8).Select(i => Queries.Plan(i, random)).ToList();
        await using (var conn = await data.OpenConnectionAsync()) await Queries.CopyAuditAsync(conn, plans);
        await using (var vacuum = data.CreateCommand($"vacuum analyze {ReportingSchema.AuditLog}")) await vacuum.ExecuteNonQueryAsync();
        var count = await Queries.LogCountAsync(data);
        report.Add("verify", $"loading {count} sealed entries (COPY, vacuum analyze)", load.Elapsed.TotalSeconds, "s");

        var auditor = await client.TokenAsync("bench-auditor", "auditor");
        async Task<double> Service()
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.SendAsync(HttpMethod.Get, $"{client.Reporting}/audit/verify", auditor);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"/audit/verify: {(int)response.StatusCode}");
            var result = JsonNode.Parse(body)!;
            if (!result["ok"]!.GetValue<bool>() || result["entries"]!.GetValue<long>() != count) throw new InvalidOperationException($"/audit/verify: {body}");
            return watch.Elapsed.TotalMilliseconds;
        }
        async Task<double> InProcess(Func<Task<(bool Ok, long Entries)>> verify)
        {
            var watch = Stopwatch.StartNew();
            var (ok, n) = await verify();
            if (!ok || n != count) throw new InvalidOperationException($"in-process verify: ok {ok}, {n} of {count} entries");
            return watch.Elapsed.TotalMilliseconds;
        }
        var segments = VerifyAudit.DefaultSegments;
        Task<double> RawPath() => InProcess(async () =>
        {
            var result = await VerifyAudit.VerifyAsync(data, null, segments, CancellationToken.None);
            return (result.Ok, result.Entries);
        });
        Task<double> StringPath() => InProcess(() => StringPathVerify.VerifyAsync(data, segments));

        // Warm: the JIT's second tier, PostgreSQL's cache.
        await Service();
        await RawPath();
        await StringPath();

        // Interleaved, so a change of load on the shared machine falls on every measure alike.
        List<double> baseline = [], service = [], raw = [], strings = [];
        var cpu = new Dictionary<string, double>();
        for (var i = 0; i < 3; i++)
        {
            baseline.Add(await Queries.ReadLogAsync(data, count));
            var before = Idle.CpuByGroup(system);
            service.Add(await Service());
            foreach (var (group, ticks) in Idle.Used(before, Idle.CpuByGroup(system)))
                cpu[group] = cpu.GetValueOrDefault(group) + ticks / Idle.TicksPerSecond / 3;
            raw.Add(await RawPath());
            strings.Add(await StringPath());
        }
        static double Median(List<double> runs) => runs.Order().ElementAt(runs.Count / 2);
        var floor = Median(baseline);
        report.Add("verify", $"baseline: read {count} entries in order, no checks (median of 3)", floor, "ms");
        report.Add("verify", $"/audit/verify over {count} entries (median of 3)", Median(service), "ms", "< 4000 ms");
        report.Add("verify", "/audit/verify ÷ baseline", Median(service) / floor, "ratio");
        report.Add("verify", $"in process, this verify ({segments} segments, raw UTF-8) (median of 3)", Median(raw), "ms");
        report.Add("verify", "in process, this verify ÷ baseline", Median(raw) / floor, "ratio");
        report.Add("verify", $"in process, the string path it replaced ({segments} segments) (median of 3)", Median(strings), "ms");
        report.Add("verify", "in process, the string path ÷ baseline", Median(strings) / floor, "ratio");
        foreach (var (group, seconds) in cpu.Where(g => g.Value > 0).OrderByDescending(g => g.Value))
            report.Add("verify", $"CPU per /audit/verify: {group}", seconds, "s");
    }
}

/// <summary>
/// The verify as it was before rows were read as raw UTF-8, kept only to be measured against in the same run: each row
/// read as an <see cref="AuditEntry"/> of strings, its canonical content written from those strings. It counts and
/// checks entries and links in parallel segments like the service; the answer is only whether all fit.
/// </summary>
internal static class StringPathVerify
{
    public static async Task<(bool Ok, long Entries)> VerifyAsync(NpgsqlDataSource data, int segments)
    {
        await using var conn = await data.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        string snapshot;
        long min, max;
        await using (var cmd = new NpgsqlCommand(
            $"select pg_export_snapshot(), (select min(seq) from {ReportingSchema.AuditLog}), (select max(seq) from {ReportingSchema.AuditLog})", conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            await r.ReadAsync();
            (snapshot, min, max) = (r.GetString(0), r.GetInt64(1), r.GetInt64(2));
        }
        var ranges = VerifyAudit.Ranges(min, max, segments);
        var results = await Task.WhenAll(ranges.Select(range => Task.Factory.StartNew(
            () => ReadSegment(data, snapshot, range.From, range.To), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        var ok = true;
        string? previous = AuditChain.Genesis;
        foreach (var s in results.Where(s => s.Count > 0))
        {
            ok &= s.Ok && s.FirstPrev == previous;
            previous = s.LastHash;
        }
        return (ok, results.Sum(s => s.Count));
    }

    private sealed record Segment(long Count, bool Ok, string? FirstPrev, string? LastHash);

    private static Segment ReadSegment(NpgsqlDataSource database, string snapshot, long from, long to)
    {
        using var conn = database.OpenConnection();
        using var tx = conn.BeginTransaction(IsolationLevel.RepeatableRead);
        using (var set = new NpgsqlCommand($"set transaction snapshot '{snapshot}'", conn, tx)) set.ExecuteNonQuery();
        using var cmd = new NpgsqlCommand($"select {AuditFilter.Columns} from {ReportingSchema.AuditLog} where seq between @from and @to order by seq", conn, tx);
        cmd.Parameters.AddWithValue("from", from);
        cmd.Parameters.AddWithValue("to", to);
        using var r = cmd.ExecuteReader(CommandBehavior.SequentialAccess);
        var hasher = new StringHasher();
        long count = 0;
        var ok = true;
        string? firstPrev = null, previous = null;
        while (r.Read())
        {
            var e = AuditFilter.ReadEntry(r);
            if (count++ == 0) firstPrev = e.PrevHash;
            else ok &= e.PrevHash == previous;
            ok &= hasher.ContentHashEquals(e, e.ContentHash) && hasher.LinkEquals(e.PrevHash, e.ContentHash, e.Hash);
            previous = e.Hash;
        }
        return new Segment(count, ok, firstPrev, previous);
    }

    /// <summary>The chain's hasher before this change, over strings (reused buffers and digest context, as it was).</summary>
    private sealed class StringHasher
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(4096);
        private readonly Utf8JsonWriter _json;
        private byte[] _link = new byte[256];
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public StringHasher() => _json = new Utf8JsonWriter(_buffer);

        public bool ContentHashEquals(AuditEntry e, string expected)
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            Content(e, hash);
            return HexEquals(hash, expected);
        }

        public bool LinkEquals(string prevHash, string contentHash, string expected)
        {
            var length = Encoding.UTF8.GetByteCount(prevHash) + Encoding.UTF8.GetByteCount(contentHash);
            if (_link.Length < length) _link = new byte[length];
            var written = Encoding.UTF8.GetBytes(prevHash, _link);
            written += Encoding.UTF8.GetBytes(contentHash, _link.AsSpan(written));
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            _sha.AppendData(_link.AsSpan(0, written));
            _sha.GetHashAndReset(hash);
            return HexEquals(hash, expected);
        }

        private void Content(AuditEntry e, Span<byte> hash)
        {
            _buffer.ResetWrittenCount();
            _json.Reset(_buffer);
            _json.WriteStartArray();
            _json.WriteStringValue(e.MessageKey);
            _json.WriteStringValue(e.Type);
            Span<char> text = stackalloc char[64];
            e.RequestId.TryFormat(text, out var n, "D");
            _json.WriteStringValue(text[..n]);
            Text(e.RequestNumber);
            _json.WriteStringValue(e.Opd);
            _json.WriteStringValue(e.ActorId);
            _json.WriteStringValue(e.ActorName);
            _json.WriteStringValue(e.ActorRole);
            Text(e.ActorNip);
            AuditChain.ToStoredPrecision(e.OccurredAt).UtcDateTime.TryFormat(text, out n, "O", CultureInfo.InvariantCulture);
            _json.WriteStringValue(text[..n]);
            AuditChain.ToStoredPrecision(e.RecordedAt).UtcDateTime.TryFormat(text, out n, "O", CultureInfo.InvariantCulture);
            _json.WriteStringValue(text[..n]);
            _json.WriteStringValue(e.Payload);
            _json.WriteEndArray();
            _json.Flush();
            _sha.AppendData(_buffer.WrittenSpan);
            _sha.GetHashAndReset(hash);
        }

        private void Text(string? value)
        {
            if (value is null) _json.WriteNullValue();
            else _json.WriteStringValue(value);
        }

        private static bool HexEquals(ReadOnlySpan<byte> hash, string expected)
        {
            Span<char> hex = stackalloc char[SHA256.HashSizeInBytes * 2];
            Convert.TryToHexStringLower(hash, hex, out _);
            return expected.AsSpan().SequenceEqual(hex);
        }
    }
}
