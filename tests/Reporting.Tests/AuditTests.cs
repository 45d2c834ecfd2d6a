using Alba;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Shouldly;
using Spbe.Reporting.AuditLog;
using Spbe.Reporting.Sla;
using Spbe.Sop;
using Spbe.Testing;
using Xunit;
using static Spbe.Reporting.Tests.RequestStory;

namespace Spbe.Reporting.Tests;

internal static class Audit
{
    public static async Task<List<long>> SeedAsync(IAlbaHost host, int requests = 2)
    {
        for (var i = 0; i < requests; i++)
            await new RequestStory(opd: i % 2 == 0 ? "DINKES" : "BAPPEDA", number: $"SPBE/2026/{i:00000}")
                .Submitted(Wib(2026, 7, 1, 8, i)).Registered(Wib(2026, 7, 1, 9, i)).TeamAssigned(Wib(2026, 7, 2, 9, i)).DeliverAsync(host);
        var page = await host.GetJson<AuditPage>("/audit?limit=200", Tokens.Auditor);
        return page.Items.Select(i => i.Seq).ToList();
    }

    public static async Task ExecuteAsync(IAlbaHost host, string sql)
    {
        await using var cmd = host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}

public sealed class AuditLogTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private IAlbaHost Host => fixture.Host;

    /// <summary>A query value that is not a number is refused with its name, never read as "not given" (this month, the first page).</summary>
    [Theory]
    [InlineData("/reports/monthly?year=abc&month=5", "year")]
    [InlineData("/audit?limit=lots", "limit")]
    public async Task a_query_value_that_cannot_be_read_is_a_400_naming_it(string url, string parameter)
    {
        var result = await Host.Scenario(s => { s.Get.Url(url); s.As(Tokens.Auditor); s.StatusCodeShouldBe(400); });
        result.Context.Response.ContentType!.ShouldStartWith("application/problem+json");
        (await result.ReadAsTextAsync()).ShouldContain(parameter);
    }

    [Fact]
    public async Task entries_are_in_arrival_order_chained_filterable_and_cursor_paged()
    {
        var seqs = await Audit.SeedAsync(Host, requests: 3);
        seqs.Count.ShouldBe(9);
        seqs.ShouldBeInOrder();

        var all = await Host.GetJson<AuditPage>("/audit", Tokens.Kasi);
        all.Items[0].PrevHash.ShouldBe(AuditChain.Genesis);
        for (var i = 1; i < all.Items.Count; i++) all.Items[i].PrevHash.ShouldBe(all.Items[i - 1].Hash);
        all.Items[0].Actor.UserId.ShouldBe("clerk-dinkes");
        all.Items[0].Payload.GetProperty("title").GetString().ShouldBe("Perbaikan SIMPUS");

        (await Host.GetJson<AuditPage>("/audit?opd=bappeda", Tokens.Auditor)).Items.Count.ShouldBe(3);
        (await Host.GetJson<AuditPage>("/audit?type=team-assigned", Tokens.Auditor)).Items.ShouldAllBe(i => i.Type == "team-assigned");
        (await Host.GetJson<AuditPage>("/audit?actor=staf-01", Tokens.Auditor)).Items.Count.ShouldBe(3);
        (await Host.GetJson<AuditPage>($"/audit?requestId={all.Items[0].RequestId}", Tokens.Auditor)).Items.Count.ShouldBe(3);
        (await Host.GetJson<AuditPage>("/audit?from=2026-07-02&to=2026-07-02", Tokens.Auditor)).Items.Count.ShouldBe(3);

        var first = await Host.GetJson<AuditPage>("/audit?limit=4", Tokens.Auditor);
        first.Items.Count.ShouldBe(4);
        var second = await Host.GetJson<AuditPage>($"/audit?limit=4&after={first.Next}", Tokens.Auditor);
        var third = await Host.GetJson<AuditPage>($"/audit?limit=4&after={second.Next}", Tokens.Auditor);
        third.Items.Count.ShouldBe(1);
        third.Next.ShouldBeNull();
        first.Items.Concat(second.Items).Concat(third.Items).Select(i => i.Seq).ShouldBe(seqs);

        await Host.Scenario(s => { s.Get.Url("/audit?type=gossip"); s.As(Tokens.Auditor); s.StatusCodeShouldBe(400); });
        await Host.Scenario(s => { s.Get.Url("/audit?limit=1000"); s.As(Tokens.Auditor); s.StatusCodeShouldBe(400); });

        var verify = await Host.GetJson<VerifyResult>("/audit/verify", Tokens.Auditor);
        verify.Ok.ShouldBeTrue();
        verify.Entries.ShouldBe(9);
    }

    [Fact]
    public async Task the_sql_working_time_agrees_with_the_calendar()
    {
        var table = Host.Services.GetRequiredService<CalendarTable>();
        await table.EnsureSyncedAsync();
        var calendar = Http.Calendar;
        var random = new Random(2026);
        await using var conn = await Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        for (var i = 0; i < 300; i++)
        {
            var a = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 365 * 24 * 60));
            var b = a.AddMinutes(random.Next(0, 20 * 24 * 60));
            // The expression the SLA queries use, over a one-row source instead of the steps table.
            await using var cmd = new NpgsqlCommand(
                $"select seconds from ({SlaSql.WithWorkingSeconds("(select @a::timestamptz as a, @b::timestamptz as b)", "s.a", "s.b")}) w", conn);
            cmd.Parameters.AddWithValue("a", a);
            cmd.Parameters.AddWithValue("b", b);
            table.AddHours(cmd);
            var sql = (double)(await cmd.ExecuteScalarAsync())!;
            sql.ShouldBe(calendar.Between(a, b).TotalSeconds, 0.001, $"from {a:O} to {b:O}");
        }
    }
}

public sealed class AuditChangedRowTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task changing_one_row_in_the_database_is_reported_at_exactly_that_entry()
    {
        var seqs = await Audit.SeedAsync(fixture.Host);
        await Audit.ExecuteAsync(fixture.Host, $"update reporting.audit_log set actor_name = 'Someone else' where seq = {seqs[3]}");
        var verify = await fixture.Host.GetJson<VerifyResult>("/audit/verify", Tokens.Auditor);
        verify.Ok.ShouldBeFalse();
        verify.FirstBrokenAt.ShouldBe(seqs[3]);
        verify.Reason!.ShouldContain("content");
    }
}

public sealed class AuditDeletedRowTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task deleting_one_row_is_reported_at_the_entry_after_it()
    {
        var seqs = await Audit.SeedAsync(fixture.Host);
        await Audit.ExecuteAsync(fixture.Host, $"delete from reporting.audit_log where seq = {seqs[2]}");
        var verify = await fixture.Host.GetJson<VerifyResult>("/audit/verify", Tokens.Auditor);
        verify.Ok.ShouldBeFalse();
        verify.FirstBrokenAt.ShouldBe(seqs[3]);
        verify.Reason!.ShouldContain("previous entry");
    }
}

public sealed class AuditRewrittenChainTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task a_chain_rewritten_consistently_after_a_digest_fails_against_that_digest()
    {
        var seqs = await Audit.SeedAsync(fixture.Host);
        var digest = await fixture.Host.GetJson<GetDigest.DigestView>("/audit/digest", Tokens.Auditor);
        digest.Entries.ShouldBe(seqs.Count);
        (await fixture.Host.GetJson<VerifyResult>($"/audit/verify?digest={digest.Digest}", Tokens.Auditor)).Ok.ShouldBeTrue();

        // Whoever can write the database changes entry 2 and recomputes every hash after it.
        var entries = (await fixture.Host.GetJson<AuditPage>("/audit?limit=200", Tokens.Auditor)).Items;
        var previous = AuditChain.Genesis;
        foreach (var item in entries)
        {
            var entry = new AuditEntry(item.Seq, "", item.Type, item.RequestId, item.RequestNumber, item.Opd, item.Actor.UserId,
                item.Seq == seqs[1] ? "Forged" : item.Actor.Name, item.Actor.Role, item.Actor.Nip, item.OccurredAt, item.RecordedAt, "", "", "", "");
            await using var cmd = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
                "select message_key, payload from reporting.audit_log where seq = @seq");
            cmd.Parameters.AddWithValue("seq", item.Seq);
            await using (var r = await cmd.ExecuteReaderAsync()) { await r.ReadAsync(); entry = entry with { MessageKey = r.GetString(0), Payload = r.GetString(1) }; }
            var sealedEntry = AuditChain.Seal(entry, previous);
            await Audit.ExecuteAsync(fixture.Host,
                $"update reporting.audit_log set actor_name = '{sealedEntry.ActorName}', prev_hash = '{sealedEntry.PrevHash}', " +
                $"content_hash = '{sealedEntry.ContentHash}', hash = '{sealedEntry.Hash}' where seq = {item.Seq}");
            previous = sealedEntry.Hash;
        }

        (await fixture.Host.GetJson<VerifyResult>("/audit/verify", Tokens.Auditor)).Ok.ShouldBeTrue(); // the chain alone cannot tell
        var against = await fixture.Host.GetJson<VerifyResult>($"/audit/verify?digest={digest.Digest}", Tokens.Auditor);
        against.Ok.ShouldBeFalse();
        against.DigestMatches.ShouldBe(false);
        await fixture.Host.Scenario(s => { s.Get.Url("/audit/verify?digest=nonsense"); s.As(Tokens.Auditor); s.StatusCodeShouldBe(400); });
    }
}

public sealed class AuditExportTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task ten_thousand_entries_export_as_csv_and_verify()
    {
        // Seeded in bulk with COPY (10,000 handled messages would take minutes), sealed by the same chain code.
        var previous = AuditChain.Genesis;
        await using (var conn = await fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        await using (var copy = await conn.BeginBinaryImportAsync(
            "copy reporting.audit_log (message_key, type, request_id, request_number, opd, actor_id, actor_name, actor_role, actor_nip, occurred_at, recorded_at, payload, prev_hash, content_hash, hash) from stdin (format binary)"))
        {
            var start = new DateTimeOffset(2026, 7, 1, 1, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < 10_000; i++)
            {
                var id = Guid.NewGuid();
                var at = start.AddMinutes(i);
                // Half as version 1 wrote them (the number given at submission), half as now (no number, a tracking code).
                var message = i % 2 == 0
                    ? new Spbe.Contracts.RequestSubmitted(id, $"SPBE/2026/{i:00000}", "DINKES", at, Clerk, $"Permintaan {i}, \"uji\"", "fix", "SIMPUS", 1)
                    : new Spbe.Contracts.RequestSubmitted(id, null, "DINKES", at, Clerk, $"Permintaan {i}, \"uji\"", "fix", "SIMPUS", 1, $"K7M2{i:0000}".Replace('0', 'Z').Replace('1', 'Y'));
                var entry = AuditChain.Seal(new AuditEntry(0, $"request-submitted:{id:N}:{at.UtcTicks}:1", "request-submitted", id, message.RequestNumber, "DINKES",
                    Clerk.UserId, Clerk.Name, Clerk.Role, null, at, at, MessageTypes.Serialize(message), "", "", ""), previous);
                previous = entry.Hash;
                await copy.StartRowAsync();
                await copy.WriteAsync(entry.MessageKey); await copy.WriteAsync(entry.Type); await copy.WriteAsync(entry.RequestId);
                if (entry.RequestNumber is null) await copy.WriteNullAsync(); else await copy.WriteAsync(entry.RequestNumber);
                await copy.WriteAsync(entry.Opd); await copy.WriteAsync(entry.ActorId);
                await copy.WriteAsync(entry.ActorName); await copy.WriteAsync(entry.ActorRole); await copy.WriteNullAsync();
                await copy.WriteAsync(entry.OccurredAt, NpgsqlDbType.TimestampTz); await copy.WriteAsync(entry.RecordedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(entry.Payload); await copy.WriteAsync(entry.PrevHash); await copy.WriteAsync(entry.ContentHash); await copy.WriteAsync(entry.Hash);
            }
            await copy.CompleteAsync();
        }

        var result = await fixture.Host.Scenario(s => { s.Get.Url("/audit/export"); s.As(Tokens.Auditor); s.StatusCodeShouldBeOk(); });
        result.Context.Response.ContentType!.ShouldStartWith("text/csv");
        var lines = (await result.ReadAsTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(10_001);
        lines[0].ShouldBe(ExportAudit.Header);
        lines[^1].ShouldEndWith(previous);
        lines[1].ShouldContain("\"{\"\"requestId\"\"");

        var filtered = await fixture.Host.Scenario(s => { s.Get.Url("/audit/export?from=2026-07-01&to=2026-07-01"); s.As(Tokens.Auditor); s.StatusCodeShouldBeOk(); });
        (await filtered.ReadAsTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1 + 16 * 60); // the WIB day ends at 17:00 UTC; entries start at 01:00 UTC, one a minute

        var verify = await fixture.Host.GetJson<VerifyResult>("/audit/verify", Tokens.Auditor);
        verify.Ok.ShouldBeTrue();
        verify.Entries.ShouldBe(10_000);
    }
}
