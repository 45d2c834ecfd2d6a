using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Shouldly;
using Spbe.Reporting.AuditLog;
using Spbe.Testing;
using Xunit;
using static Spbe.Reporting.Tests.RequestStory;

namespace Spbe.Reporting.Tests;

public sealed class ChainHasherTests
{
    /// <summary>What the chain hashed before the hasher was rewritten for speed: entries sealed then must read back equal.</summary>
    private static string ReferenceContentHash(AuditEntry e) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new object?[]
        {
            e.MessageKey, e.Type, e.RequestId.ToString("D"), e.RequestNumber, e.Opd, e.ActorId, e.ActorName, e.ActorRole, e.ActorNip,
            AuditChain.ToStoredPrecision(e.OccurredAt).UtcDateTime.ToString("O"), AuditChain.ToStoredPrecision(e.RecordedAt).UtcDateTime.ToString("O"), e.Payload,
        }))));

    [Theory]
    [InlineData("Siti", "{\"title\":\"Perbaikan SIMPUS\"}", null)]
    [InlineData("Dr. \"Andi\" <Kasi> & 'Wakil' + \\ / \t\n", "{\"a\":\"<b>&amp;</b>\",\"u\":\"\\u00e9\"}", "198503122010011001")]
    [InlineData("Désirée Ñúñez 日本 😀 \u0001 \u2028", "", "x")]
    public void the_content_hash_is_byte_for_byte_the_one_the_chain_was_sealed_with(string name, string payload, string? nip)
    {
        var e = new AuditEntry(1, "request-submitted:abc:1:1", "request-submitted", Guid.NewGuid(), nip is null ? null : "SPBE/2026/00001", "DINKES",
            "clerk", name, "opd", nip, new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.FromHours(7)).AddTicks(1234567),
            DateTimeOffset.UtcNow, payload, "", "", "");
        AuditChain.ContentHash(e).ShouldBe(ReferenceContentHash(e));
        var sealedEntry = AuditChain.Seal(e, AuditChain.Genesis);
        AuditChain.Check(sealedEntry, AuditChain.Genesis).ShouldBeNull();
        AuditChain.Check(sealedEntry with { ActorName = name + "!" }, AuditChain.Genesis)!.ShouldContain("content");
        AuditChain.Check(sealedEntry with { Hash = AuditChain.Genesis }, AuditChain.Genesis)!.ShouldContain("hash does not cover");
        AuditChain.Check(sealedEntry, new string('1', 64))!.ShouldContain("previous entry");
    }

    [Fact]
    public void ranges_cover_every_seq_once_in_order()
    {
        foreach (var (min, max, n) in new[] { (1L, 1L, 4), (1L, 3L, 4), (5L, 1004L, 3), (10L, 1_500_009L, 3) })
        {
            var ranges = VerifyAudit.Ranges(min, max, n);
            ranges[0].From.ShouldBe(min);
            ranges[^1].To.ShouldBe(max);
            for (var i = 1; i < ranges.Count; i++) ranges[i].From.ShouldBe(ranges[i - 1].To + 1);
            ranges.ShouldAllBe(r => r.From <= r.To);
        }
    }
}

/// <summary>
/// The parallel verify gives the answer the sequential one gives over the same log, wherever the breaks fall:
/// at a segment's first entry (checked against the segment before), inside a later segment, or both.
/// </summary>
public sealed class AuditVerifySegmentTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>, IAsyncLifetime
{
    private const int Count = 2_000;
    private const int Segments = 4;
    private NpgsqlDataSource Database => fixture.Owner;
    private const string Columns =
        "seq, message_key, type, request_id, request_number, opd, actor_id, actor_name, actor_role, actor_nip, occurred_at, recorded_at, payload, prev_hash, content_hash, hash";

    public async Task InitializeAsync()
    {
        await ExecuteAsync("truncate reporting.audit_log");
        var previous = AuditChain.Genesis;
        await using (var conn = await Database.OpenConnectionAsync())
        await using (var copy = await conn.BeginBinaryImportAsync(
            "copy reporting.audit_log (message_key, type, request_id, opd, actor_id, actor_name, actor_role, occurred_at, recorded_at, payload, prev_hash, content_hash, hash) from stdin (format binary)"))
        {
            var start = new DateTimeOffset(2026, 7, 1, 1, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < Count; i++)
            {
                var id = Guid.NewGuid();
                var at = start.AddMinutes(i);
                var message = new Spbe.Contracts.RequestSubmitted(id, null, "DINKES", at, Clerk, $"Permintaan {i}", "fix", "SIMPUS", 1, "K7M2ABCD");
                var e = AuditChain.Seal(new AuditEntry(0, $"request-submitted:{id:N}:{at.UtcTicks}:1", "request-submitted", id, null, "DINKES",
                    Clerk.UserId, Clerk.Name, Clerk.Role, null, at, at, MessageTypes.Serialize(message), "", "", ""), previous);
                previous = e.Hash;
                await copy.StartRowAsync();
                await copy.WriteAsync(e.MessageKey); await copy.WriteAsync(e.Type); await copy.WriteAsync(e.RequestId); await copy.WriteAsync(e.Opd);
                await copy.WriteAsync(e.ActorId); await copy.WriteAsync(e.ActorName); await copy.WriteAsync(e.ActorRole);
                await copy.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz); await copy.WriteAsync(e.RecordedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(e.Payload); await copy.WriteAsync(e.PrevHash); await copy.WriteAsync(e.ContentHash); await copy.WriteAsync(e.Hash);
            }
            await copy.CompleteAsync();
        }
        await ExecuteAsync($"drop table if exists reporting.audit_copy; create table reporting.audit_copy as select {Columns} from reporting.audit_log");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task RestoreAsync() =>
        await ExecuteAsync($"truncate reporting.audit_log; insert into reporting.audit_log ({Columns}) select {Columns} from reporting.audit_copy");

    private async Task ExecuteAsync(string sql)
    {
        await using var cmd = Database.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<List<long>> SeqsAsync()
    {
        var seqs = new List<long>();
        await using var cmd = Database.CreateCommand("select seq from reporting.audit_log order by seq");
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) seqs.Add(r.GetInt64(0));
        return seqs;
    }

    /// <summary>The sequential answer: the pure check over every entry read in one query, as verify worked before segments.</summary>
    private async Task<VerifyResult> SequentialAsync((long, string)? digest)
    {
        var entries = new List<AuditEntry>();
        await using var cmd = Database.CreateCommand($"select {AuditFilter.Columns} from reporting.audit_log order by seq");
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) entries.Add(AuditFilter.ReadEntry(r));
        return VerifyAudit.Verify(entries, digest);
    }

    /// <summary>The first entry of each segment after the first, as the verify cuts the log into <see cref="Segments"/>.</summary>
    private static List<long> SegmentStarts(List<long> seqs) =>
        VerifyAudit.Ranges(seqs[0], seqs[^1], Segments).Skip(1).Select(r => r.From).ToList();

    [Fact]
    public async Task a_change_at_a_segment_boundary_and_one_inside_a_later_segment_are_both_found_and_the_first_is_reported()
    {
        var seqs = await SeqsAsync();
        var starts = SegmentStarts(seqs);
        var boundary = starts[1]; // the first entry of the third segment
        var inside = starts[2] + 17; // inside the fourth

        await ExecuteAsync($"update reporting.audit_log set actor_name = 'Someone else' where seq in ({boundary}, {inside})");
        var both = await VerifyAudit.VerifyAsync(Database, null, Segments, CancellationToken.None);
        both.ShouldBe(await SequentialAsync(null));
        both.Ok.ShouldBeFalse();
        both.FirstBrokenAt.ShouldBe(boundary);
        both.Reason!.ShouldContain("content");
        both.Entries.ShouldBe(Count);

        // With the boundary repaired, the break inside the later segment is the first.
        await RestoreAsync();
        await ExecuteAsync($"update reporting.audit_log set actor_name = 'Someone else' where seq = {inside}");
        var later = await VerifyAudit.VerifyAsync(Database, null, Segments, CancellationToken.None);
        later.ShouldBe(await SequentialAsync(null));
        later.FirstBrokenAt.ShouldBe(inside);
        await RestoreAsync();
    }

    [Fact]
    public async Task an_entry_removed_at_the_end_of_a_segment_breaks_the_link_of_the_next_segments_first_entry()
    {
        var seqs = await SeqsAsync();
        var starts = SegmentStarts(seqs);
        await ExecuteAsync($"delete from reporting.audit_log where seq = {starts[0] - 1}");
        var result = await VerifyAudit.VerifyAsync(Database, null, Segments, CancellationToken.None);
        result.ShouldBe(await SequentialAsync(null));
        result.FirstBrokenAt.ShouldBe(starts[0]);
        result.Reason!.ShouldContain("previous entry");
        result.Entries.ShouldBe(Count - 1);

        // A whole segment gone: the next one is linked to the last entry before the gap.
        await RestoreAsync();
        await ExecuteAsync($"delete from reporting.audit_log where seq >= {starts[0]} and seq < {starts[1]}");
        var gap = await VerifyAudit.VerifyAsync(Database, null, Segments, CancellationToken.None);
        gap.ShouldBe(await SequentialAsync(null));
        gap.FirstBrokenAt.ShouldBe(starts[1]);
        await RestoreAsync();
    }

    [Fact]
    public async Task any_changes_and_any_digest_get_the_sequential_answer()
    {
        var random = new Random(16);
        var seqs = await SeqsAsync();
        (await VerifyAudit.VerifyAsync(Database, null, Segments, CancellationToken.None)).ShouldBe(new VerifyResult(true, Count, null, null, null));
        for (var round = 0; round < 12; round++)
        {
            // Zero to two changes, a deletion now and then, each at a segment edge or anywhere.
            var edges = SegmentStarts(seqs).SelectMany(s => new[] { s - 1, s }).ToList();
            for (var k = random.Next(0, 3); k > 0; k--)
            {
                var seq = random.Next(2) == 0 ? edges[random.Next(edges.Count)] : seqs[random.Next(seqs.Count)];
                await ExecuteAsync(random.Next(4) == 0
                    ? $"delete from reporting.audit_log where seq = {seq}"
                    : $"update reporting.audit_log set {(random.Next(2) == 0 ? "payload = payload || ' '" : "hash = content_hash")} where seq = {seq}");
            }
            var head = await HashAtAsync(random.Next(0, Count + 1));
            foreach (var digest in new (long, string)?[] { null, (0, AuditChain.Genesis), head, (random.Next(1, Count), AuditChain.Genesis), (Count + 5, AuditChain.Genesis) })
            {
                var expected = await SequentialAsync(digest);
                foreach (var segments in new[] { 1, 3, Segments, 7 })
                    (await VerifyAudit.VerifyAsync(Database, digest, segments, CancellationToken.None)).ShouldBe(expected, $"round {round}, {segments} segments, digest {digest}");
            }
            await RestoreAsync();
        }
    }

    /// <summary>A digest taken from the original chain after <paramref name="entries"/> entries.</summary>
    private async Task<(long, string)> HashAtAsync(int entries)
    {
        if (entries == 0) return (0, AuditChain.Genesis);
        await using var cmd = Database.CreateCommand($"select hash from reporting.audit_copy order by seq offset {entries - 1} limit 1");
        return (entries, (string)(await cmd.ExecuteScalarAsync())!);
    }
}
