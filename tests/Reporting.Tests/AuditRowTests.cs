using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Shouldly;
using Spbe.Reporting.AuditLog;
using Xunit;
using static Spbe.Reporting.Tests.RequestStory;

namespace Spbe.Reporting.Tests;

/// <summary>
/// Verify hashes each row from the bytes PostgreSQL sends, never making strings: for any text the content hash it
/// computes must be the one the entry was sealed with from strings, and the one the chain was designed with.
/// </summary>
public sealed class AuditRowTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private NpgsqlDataSource Database => fixture.Owner;

    /// <summary>The chain's content as first designed, from strings: JsonSerializer over the fields.</summary>
    private static string ReferenceContentHash(AuditEntry e) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new object?[]
        {
            e.MessageKey, e.Type, e.RequestId.ToString("D"), e.RequestNumber, e.Opd, e.ActorId, e.ActorName, e.ActorRole, e.ActorNip,
            AuditChain.ToStoredPrecision(e.OccurredAt).UtcDateTime.ToString("O"), AuditChain.ToStoredPrecision(e.RecordedAt).UtcDateTime.ToString("O"), e.Payload,
        }))));

    // Texts PostgreSQL can hold (no NUL): Indonesian with typographic marks, accents, CJK, emoji (surrogate pairs),
    // HTML-sensitive and JSON-special characters, control characters, separators, long and empty text.
    private static readonly string[] Tricky =
    [
        "Perbaikan aplikasi SIMPUS — Dinas Kesehatan: “laporan” gagal dicetak… (Rp 1.500.000,–)",
        "Désirée Ñúñez 日本語 한국어 😀👩‍💻 🇮🇩",
        "<script>alert('x')</script> & a+b \"quoted\" \\back\\slash /slash",
        "\u0001\u0007\b\t\n\v\f\r\u001b\u001f \u007f \u0080 \u00a0 \u00ad \u2028 \u2029 \ufeff \uffff",
        "",
        new string(Enumerable.Range(1, 127).Select(c => (char)c).ToArray()), // every ASCII character but NUL: the fast escapes
        "{\"title\":\"Perbaikan \\\"SIMPUS\\\"\",\"n\":1,\"tags\":[\"<a>\",\"b&c\"]}",
        // Longer than a row's first buffer: read in two parts.
        string.Concat(Enumerable.Repeat("Permintaan perbaikan <SIMPUS> & 'e-Kinerja' + ü 😀 ", 600)),
    ];

    [Fact]
    public async Task the_content_hash_from_a_rows_raw_bytes_is_the_one_sealed_from_strings()
    {
        await ExecuteAsync("truncate reporting.audit_log");
        var entries = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        var at = new DateTimeOffset(2026, 7, 1, 1, 0, 0, TimeSpan.Zero).AddTicks(1234567); // below PostgreSQL's microseconds: cut before hashing
        for (var i = 0; i < Tricky.Length; i++)
        {
            var text = Tricky[i];
            var other = Tricky[(i + 1) % Tricky.Length];
            var id = Guid.NewGuid();
            var message = new Spbe.Contracts.RequestSubmitted(id, null, "DINKES", at, Clerk with { Name = text }, text, "fix", other, 1, "K7M2ABCD");
            foreach (var payload in new[] { MessageTypes.Serialize(message), text })
            {
                // Nulls in the nullable fields every other entry, text in them otherwise.
                var e = AuditChain.Seal(new AuditEntry(0, $"request-submitted:{id:N}:{entries.Count}:1", "request-submitted", id,
                    entries.Count % 2 == 0 ? null : other, "DINKES", text, text, other, entries.Count % 2 == 0 ? null : text,
                    at.AddTicks(entries.Count * 7), at.AddDays(1).AddTicks(entries.Count * 13), payload, "", "", ""), previous);
                previous = e.Hash;
                entries.Add(e);
            }
        }
        await CopyAsync(entries);

        var hasher = new ChainHasher();
        var row = new AuditRow();
        var read = 0;
        await using (var cmd = Database.CreateCommand($"select {AuditFilter.Columns} from reporting.audit_log order by seq"))
        await using (var r = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess))
            while (await r.ReadAsync())
            {
                row.Read(r);
                var sealedEntry = entries[read++];
                var raw = hasher.ContentHash(row);
                raw.ShouldBe(sealedEntry.ContentHash, $"entry {read}");
                raw.ShouldBe(ReferenceContentHash(sealedEntry), $"entry {read}");
                row.String(AuditText.Payload).ShouldBe(sealedEntry.Payload);
                row.IsNull(AuditText.ActorNip).ShouldBe(sealedEntry.ActorNip is null);
                AuditChain.CheckOwn(row, hasher).ShouldBeNull($"entry {read}");
            }
        read.ShouldBe(entries.Count);
        (await VerifyAudit.VerifyAsync(Database, null, 3, CancellationToken.None)).ShouldBe(new VerifyResult(true, entries.Count, null, null, null));

        // One character changed anywhere in the tricky text is seen.
        await ExecuteAsync("update reporting.audit_log set actor_name = replace(actor_name, 'ñ', 'n') where seq = (select min(seq) + 2 from reporting.audit_log)");
        var changed = await VerifyAudit.VerifyAsync(Database, null, 3, CancellationToken.None);
        changed.Ok.ShouldBeFalse();
        changed.Reason!.ShouldContain("content");
    }

    [Theory]
    [InlineData("lone high \ud800 surrogate")]
    [InlineData("lone low \udc00 surrogate")]
    [InlineData("null \0 char")]
    [InlineData("\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\v\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~\u007f")]
    public void any_text_even_what_postgresql_cannot_hold_seals_as_the_reference_does(string text)
    {
        // Sealing goes through UTF-8 too: a lone surrogate becomes U+FFFD, as the JSON writer writes it from a string;
        // ASCII takes the hasher's own escapes, every control character included.
        var e = new AuditEntry(1, "k", "request-submitted", Guid.NewGuid(), null, "DINKES", "clerk", text, "opd", null,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, text, "", "", "");
        AuditChain.ContentHash(e).ShouldBe(ReferenceContentHash(e));
    }

    private async Task CopyAsync(IEnumerable<AuditEntry> entries)
    {
        await using var conn = await Database.OpenConnectionAsync();
        await using var copy = await conn.BeginBinaryImportAsync(
            "copy reporting.audit_log (message_key, type, request_id, request_number, opd, actor_id, actor_name, actor_role, actor_nip, occurred_at, recorded_at, payload, prev_hash, content_hash, hash) from stdin (format binary)");
        foreach (var e in entries)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(e.MessageKey); await copy.WriteAsync(e.Type); await copy.WriteAsync(e.RequestId);
            if (e.RequestNumber is null) await copy.WriteNullAsync(); else await copy.WriteAsync(e.RequestNumber);
            await copy.WriteAsync(e.Opd); await copy.WriteAsync(e.ActorId); await copy.WriteAsync(e.ActorName); await copy.WriteAsync(e.ActorRole);
            if (e.ActorNip is null) await copy.WriteNullAsync(); else await copy.WriteAsync(e.ActorNip);
            await copy.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz); await copy.WriteAsync(e.RecordedAt, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(e.Payload); await copy.WriteAsync(e.PrevHash); await copy.WriteAsync(e.ContentHash); await copy.WriteAsync(e.Hash);
        }
        await copy.CompleteAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var cmd = Database.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}
