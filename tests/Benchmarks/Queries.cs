using System.Diagnostics;
using System.Net;
using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Spbe.Contracts;
using Spbe.Intake;
using Spbe.Reporting;
using Spbe.Reporting.AuditLog;
using Spbe.Reporting.Timelines;
using Spbe.ServiceDefaults;
using Spbe.Sop;

namespace Spbe.Benchmarks;

/// <summary>
/// Scenario 3: queries over 100,000 requests carried through all six steps. Seeded through the real
/// types: Intake's own events (Marten appends them, its inline projection builds the list's documents)
/// and Reporting's audit entries and step facts (sealed by the real chain code, built by the real step
/// builder, written with COPY) — the same rows the services write, only without HTTP in between.
/// </summary>
public static class Queries
{
    private static readonly string[] Opds = Enumerable.Range(1, 20).Select(i => $"OPD{i:00}").ToArray();

    /// <summary>Seeds <paramref name="count"/> requests carried through all six steps; answers their ids.</summary>
    public static async Task<IReadOnlyList<Guid>> SeedAsync(SystemClient client, Report report, int count)
    {
        var system = client.System;
        var random = new Random(2026);
        var plans = Enumerable.Range(0, count).Select(i => Plan(i, random)).ToList();
        var seed = Stopwatch.StartNew();
        await SeedIntakeAsync(system.DatabaseConnectionString, plans);
        await SeedReportingAsync(system.DatabaseConnectionString, plans);
        report.Add("queries", $"seeding {count} requests (Intake events and Reporting's log)", seed.Elapsed.TotalSeconds, "s");
        await using (var data = NpgsqlDataSource.Create(system.DatabaseConnectionString))
        // As autovacuum leaves a live log: statistics, and the visibility map that index-only scans rely on.
        await using (var analyze = data.CreateCommand("vacuum analyze"))
            await analyze.ExecuteNonQueryAsync();
        return plans.Select(p => p.Id).ToList();
    }

    public static async Task RunAsync(SystemClient client, Report report, IReadOnlyList<Guid> ids, int auditEntries)
    {
        var count = ids.Count;
        var random = new Random(2027);

        var auditor = await client.TokenAsync("bench-auditor", "auditor");
        var opd = Opds[3];
        async Task<double> Time(string url)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.SendAsync(HttpMethod.Get, url, auditor);
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
            return watch.Elapsed.TotalMilliseconds;
        }

        async Task<double> Measure(string name, int runs, Func<int, string> url, string target)
        {
            for (var i = 0; i < Math.Min(3, runs); i++) await Time(url(i)); // warm
            var times = new List<double>();
            for (var i = 0; i < runs; i++) times.Add(await Time(url(i)));
            times.Sort();
            report.Add("queries", $"{name} p50", Percentile(times, 0.5), "ms");
            report.Add("queries", $"{name} p99", Percentile(times, 0.99), "ms", target);
            return Percentile(times, 0.99);
        }

        // Baseline in the same run: the cheapest authenticated-free round trip to a service.
        await Measure("baseline GET /alive", 200, _ => $"{client.Reporting}/alive", "");
        await Measure("one request's timeline", 200, i => $"{client.Reporting}/timelines/{ids[random.Next(ids.Count)]}", "< 20 ms");
        await Measure("one OPD's requests of one month (first page)", 200, i => $"{client.Intake}/requests?opd={opd}&from=2026-05-01&to=2026-05-31", "< 50 ms");
        await Measure("one OPD's audit log of one month (first page)", 200, i => $"{client.Reporting}/audit?opd={opd}&from=2026-05-01&to=2026-05-31", "< 50 ms");
        var alive = await Measure("baseline GET /alive (again, beside the report)", 200, _ => $"{client.Reporting}/alive", "");
        var monthly = await Measure("monthly report", 100, _ => $"{client.Reporting}/reports/monthly?year=2026&month=5", "< 200 ms");
        report.Add("queries", "monthly report p99 ÷ baseline p99", monthly / alive, "ratio");

        await MeasureVerifyAsync(client, report, Time, "< 10000 ms");
        // The size: the log topped up with more sealed entries, measured again beside its own baseline.
        await using (var data = NpgsqlDataSource.Create(client.System.DatabaseConnectionString))
        {
            var have = await LogCountAsync(data);
            if (auditEntries > have)
            {
                var random2 = new Random(2028);
                var extra = (int)((auditEntries - have + 7) / 8);
                var plans = Enumerable.Range(count + 100, extra).Select(i => Plan(i, random2)).ToList();
                await using (var conn = await data.OpenConnectionAsync()) await CopyAuditAsync(conn, plans);
                await using var vacuum = data.CreateCommand($"vacuum analyze {ReportingSchema.AuditLog}");
                await vacuum.ExecuteNonQueryAsync();
                await MeasureVerifyAsync(client, report, Time, "< 4000 ms");
            }
        }
    }

    /// <summary>
    /// /audit/verify, median of 3, beside its baseline in the same run: the same rows read once in order
    /// by a plain client that checks nothing (what moving the log out of PostgreSQL costs, the floor of any verify).
    /// </summary>
    private static async Task MeasureVerifyAsync(SystemClient client, Report report, Func<string, Task<double>> time, string target)
    {
        await using var data = NpgsqlDataSource.Create(client.System.DatabaseConnectionString);
        var entries = await LogCountAsync(data);
        var reads = new List<double>();
        for (var i = 0; i < 3; i++) reads.Add(await ReadLogAsync(data, entries));
        var verify = new List<double>();
        for (var i = 0; i < 3; i++) verify.Add(await time($"{client.Reporting}/audit/verify"));
        var baseline = reads.Order().ElementAt(1);
        var measured = verify.Order().ElementAt(1);
        report.Add("queries", $"baseline: read {entries} entries in order, no checks (median of 3)", baseline, "ms");
        report.Add("queries", $"/audit/verify over {entries} entries (median of 3)", measured, "ms", target);
        report.Add("queries", $"/audit/verify over {entries} entries ÷ baseline", measured / baseline, "ratio");
    }

    /// <summary>The baseline of verify: every entry read once in order, as strings, by a plain client that checks nothing; milliseconds.</summary>
    internal static async Task<double> ReadLogAsync(NpgsqlDataSource data, long entries)
    {
        var watch = Stopwatch.StartNew();
        await using var cmd = data.CreateCommand($"select {AuditFilter.Columns} from {ReportingSchema.AuditLog} order by seq");
        await using var r = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess);
        long n = 0;
        while (await r.ReadAsync()) { AuditFilter.ReadEntry(r); n++; }
        if (n != entries) throw new InvalidOperationException($"read {n} of {entries} entries");
        return watch.Elapsed.TotalMilliseconds;
    }

    internal static async Task<long> LogCountAsync(NpgsqlDataSource data)
    {
        await using var cmd = data.CreateCommand($"select count(*) from {ReportingSchema.AuditLog}");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>A seeded request: <paramref name="Number"/> is its register number (registration gives it), <paramref name="TrackingCode"/> its submission's code.</summary>
    internal sealed record RequestPlan(Guid Id, string Number, string TrackingCode, string Opd, DateTimeOffset Submitted);

    internal static RequestPlan Plan(int i, Random random)
    {
        // Spread over January to October 2026, working hours, WIB.
        var day = new DateTime(2026, 1, 5).AddDays(random.Next(0, 290));
        var at = new DateTimeOffset(day.AddHours(8).AddMinutes(random.Next(0, 420)), TimeSpan.FromHours(7));
        return new RequestPlan(Guid.CreateVersion7(at), $"SPBE/2026/{i + 1:000000}", Code(i), Opds[i % Opds.Length], at);
    }

    /// <summary>A tracking code unique to seed <paramref name="i"/> (its number in the code's alphabet): random ones could collide among 100,000.</summary>
    private static string Code(int i)
    {
        var alphabet = Spbe.Intake.Submitting.TrackingCode.Alphabet;
        var code = new char[Spbe.Intake.Submitting.TrackingCode.Length];
        for (var k = code.Length - 1; k >= 0; k--, i /= alphabet.Length) code[k] = alphabet[i % alphabet.Length];
        return new string(code);
    }

    private static readonly Actor Clerk = new("bench-clerk", "Clerk", Roles.Opd);
    private static readonly Actor Staf = new("bench-staf", "Staf", Roles.StafIt, SystemClient.Nip);
    private static readonly Actor Kasi = new("bench-kasi", "Kasi", Roles.KasiAplikasi, SystemClient.Nip);

    private static IReadOnlyList<IIntegrationEvent> Messages(RequestPlan p)
    {
        var t = p.Submitted;
        var schedule = new Schedule(DateOnly.FromDateTime(t.AddDays(3).Date), DateOnly.FromDateTime(t.AddDays(10).Date),
            DateOnly.FromDateTime(t.AddDays(12).Date), DateOnly.FromDateTime(t.AddDays(14).Date), DateOnly.FromDateTime(t.AddDays(16).Date));
        return
        [
            new RequestSubmitted(p.Id, null, p.Opd, t, Clerk with { Opd = p.Opd }, "Perbaikan", "fix", "SIMPUS", 1, p.TrackingCode),
            new RequestRegistered(p.Id, p.Number, p.Opd, t.AddMinutes(40), Staf, "Perbaikan", "fix", "SIMPUS", "d", null, t, p.TrackingCode),
            new TeamAssigned(p.Id, p.Number, p.Opd, t.AddHours(5), Kasi, "800/1/ST", SystemClient.Nip,
                [new TeamMember(SystemClient.Nip, "Andi", Roles.Programmer)], schedule, "ringkasan", "Perbaikan", 1),
            new WorkStarted(p.Id, p.Number, p.Opd, t.AddDays(3), Staf, 1),
            new ExecutionReported(p.Id, p.Number, p.Opd, t.AddDays(8), Staf, 1, "selesai"),
            new InternalCheckCompleted(p.Id, p.Number, p.Opd, t.AddDays(11), Staf, 1, true, [], "BA/1"),
            new OwnerCheckCompleted(p.Id, p.Number, p.Opd, t.AddDays(13), Clerk with { Opd = p.Opd }, 1, true, [], "BA/2"),
            new RequestHandedOver(p.Id, p.Number, p.Opd, t.AddDays(15), Kasi, new Person(SystemClient.Nip, "Kasi"), new Person(SystemClient.Nip, "OPD"), "BA/3"),
        ];
    }

    private static async Task SeedIntakeAsync(string connectionString, IReadOnlyList<RequestPlan> plans)
    {
        using var store = DocumentStore.For(opts =>
        {
            MessagingExtensions.ConfigureStore(opts, connectionString, Topology.Intake);
            IntakeConfiguration.Marten(opts);
        });
        var memo = new RequestMemo("005/1/2026", new DateOnly(2026, 1, 5), new Signatory("dr. Andi", SystemClient.Nip));
        foreach (var batch in plans.Chunk(1000))
        {
            await using var session = store.LightweightSession();
            foreach (var p in batch)
            {
                var details = new RequestDetails($"Perbaikan {p.Number}", Category.Fix, "SIMPUS", "Laporan gagal dicetak", null, memo,
                    new Contact("Siti", "0812", "siti@opd.go.id"));
                session.Events.StartStream<ServiceRequest>(p.Id,
                    new Submitted(p.Id, null, p.Opd, details, Clerk with { Opd = p.Opd }, p.Submitted, p.TrackingCode),
                    new AttachmentAdded(p.Id, new Attachment(Guid.NewGuid(), AttachmentKind.RequestMemo, "nota.pdf", "application/pdf", 15, new string('0', 64), p.Submitted), Clerk, p.Submitted),
                    new Registered(p.Id, Staf, p.Submitted.AddMinutes(40), p.Number),
                    new StatusFollowed(p.Id, RequestStatus.Completed, nameof(RequestHandedOver), $"seed:{p.Id}", null, Kasi, p.Submitted.AddDays(15)));
            }
            await session.SaveChangesAsync();
        }
    }

    private static async Task SeedReportingAsync(string connectionString, IReadOnlyList<RequestPlan> plans)
    {
        var calendar = new WorkingCalendar(CalendarOptions.Shipped());
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var conn = await data.OpenConnectionAsync();
        await CopyAuditAsync(conn, plans);

        await using var steps = await conn.BeginBinaryImportAsync(
            $"copy {ReportingSchema.Steps} (request_id, step, round, segment, request_number, opd, opened_at, closed_at, standard_kind, standard_seconds, due_date, state, outcome, closed_by_id, closed_by_name, ended_at, worked_seconds, on_time) from stdin (format binary)");
        foreach (var p in plans)
            foreach (var s in StepBuilder.Build(Messages(p), calendar))
                for (var i = 0; i < s.Segments.Count; i++)
                {
                    await steps.StartRowAsync();
                    await steps.WriteAsync(p.Id); await steps.WriteAsync(s.Step); await steps.WriteAsync(s.Round); await steps.WriteAsync(i + 1);
                    await steps.WriteAsync(p.Number); await steps.WriteAsync(p.Opd);
                    await steps.WriteAsync(s.Segments[i].Opened.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                    if (s.Segments[i].Closed is { } closed) await steps.WriteAsync(closed.ToUniversalTime(), NpgsqlDbType.TimestampTz); else await steps.WriteNullAsync();
                    await steps.WriteAsync(s.Standard.Kind == StandardKind.DueDate ? "due-date" : "working-duration");
                    if (s.Standard.Duration is { } d) await steps.WriteAsync(d.TotalSeconds); else await steps.WriteNullAsync();
                    if (s.Standard.DueDate is { } due) await steps.WriteAsync(due, NpgsqlDbType.Date); else await steps.WriteNullAsync();
                    await steps.WriteAsync(s.State.ToString().ToLowerInvariant());
                    if (s.Outcome is null) await steps.WriteNullAsync(); else await steps.WriteAsync(s.Outcome);
                    if (s.ClosedBy is null) { await steps.WriteNullAsync(); await steps.WriteNullAsync(); }
                    else { await steps.WriteAsync(s.ClosedBy.UserId); await steps.WriteAsync(s.ClosedBy.Name); }
                    if (s.State == StepState.Closed) await steps.WriteAsync(s.Segments[^1].Closed!.Value.ToUniversalTime(), NpgsqlDbType.TimestampTz); else await steps.WriteNullAsync();
                    if (StepTable.Measured(s, calendar) is { } measure) { await steps.WriteAsync(measure.WorkingTime.TotalSeconds); await steps.WriteAsync(measure.OnTime); }
                    else { await steps.WriteNullAsync(); await steps.WriteNullAsync(); }
                }
        await steps.CompleteAsync();
    }

    /// <summary>Appends the audit entries of <paramref name="plans"/> after the log's head, sealed by the real chain code, with COPY.</summary>
    internal static async Task CopyAuditAsync(NpgsqlConnection conn, IReadOnlyList<RequestPlan> plans)
    {
        var previous = AuditChain.Genesis;
        long position = 0;
        await using (var last = new NpgsqlCommand(
            $"select hash, coalesce(chain_position, (select count(*) from {ReportingSchema.AuditLog})) from {ReportingSchema.AuditLog} order by seq desc limit 1", conn))
        await using (var head = await last.ExecuteReaderAsync())
            if (await head.ReadAsync()) (previous, position) = (head.GetString(0), head.GetInt64(1));

        await using (var audit = await conn.BeginBinaryImportAsync(
            $"copy {ReportingSchema.AuditLog} (message_key, type, request_id, request_number, opd, actor_id, actor_name, actor_role, actor_nip, occurred_at, recorded_at, payload, prev_hash, content_hash, hash, chain_position) from stdin (format binary)"))
        {
            foreach (var p in plans)
                foreach (var m in Messages(p))
                {
                    var at = AuditChain.ToStoredPrecision(m.OccurredAt);
                    var e = AuditChain.Seal(new AuditEntry(0, m.Key, MessageTypes.NameOf(m), m.RequestId, m.RequestNumber, m.OpdCode,
                        m.Actor.UserId, m.Actor.Name, m.Actor.Role, m.Actor.Nip, at, at, MessageTypes.Serialize(m), "", "", ""), previous);
                    previous = e.Hash;
                    await audit.StartRowAsync();
                    await audit.WriteAsync(e.MessageKey); await audit.WriteAsync(e.Type); await audit.WriteAsync(e.RequestId);
                    if (e.RequestNumber is null) await audit.WriteNullAsync(); else await audit.WriteAsync(e.RequestNumber);
                    await audit.WriteAsync(e.Opd); await audit.WriteAsync(e.ActorId);
                    await audit.WriteAsync(e.ActorName); await audit.WriteAsync(e.ActorRole);
                    if (e.ActorNip is null) await audit.WriteNullAsync(); else await audit.WriteAsync(e.ActorNip);
                    await audit.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz); await audit.WriteAsync(e.RecordedAt, NpgsqlDbType.TimestampTz);
                    await audit.WriteAsync(e.Payload); await audit.WriteAsync(e.PrevHash); await audit.WriteAsync(e.ContentHash); await audit.WriteAsync(e.Hash);
                    await audit.WriteAsync(++position);
                }
            await audit.CompleteAsync();
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
