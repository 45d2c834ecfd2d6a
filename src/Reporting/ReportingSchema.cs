using Marten;
using Npgsql;
using Spbe.Contracts;
using Spbe.ServiceDefaults.Calendar;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;

namespace Spbe.Reporting;

/// <summary>
/// Reporting's tables, beside its Marten schema: the audit log (every integration message, hash-chained),
/// the step facts the SLA queries read, the calendar's days off, and a working-time function for SQL.
/// </summary>
public static class ReportingSchema
{
    public const string Schema = Topology.Reporting;
    public const string AuditLog = $"{Schema}.audit_log";
    public const string Steps = $"{Schema}.steps";
    public const string DaysOff = $"{Schema}.days_off";
    public const string WorkingSeconds = $"{Schema}.working_seconds";
    public const string WorkingDays = $"{Schema}.working_days";
    public const string WorkingAt = $"{Schema}.working_at";

    public static void Marten(StoreOptions opts)
    {
        var audit = new Table(AuditLog);
        audit.AddColumn("seq", "bigserial").AsPrimaryKey();
        audit.AddColumn<string>("message_key").NotNull();
        audit.AddColumn<string>("type").NotNull();
        audit.AddColumn<Guid>("request_id").NotNull();
        audit.AddColumn<string>("request_number").NotNull();
        audit.AddColumn<string>("opd").NotNull();
        audit.AddColumn<string>("actor_id").NotNull();
        audit.AddColumn<string>("actor_name").NotNull();
        audit.AddColumn<string>("actor_role").NotNull();
        audit.AddColumn<string>("actor_nip");
        audit.AddColumn("occurred_at", "timestamptz").NotNull();
        audit.AddColumn("recorded_at", "timestamptz").NotNull();
        // The message exactly as hashed: text, not jsonb, which would reorder it.
        audit.AddColumn<string>("payload").NotNull();
        audit.AddColumn<string>("prev_hash").NotNull();
        audit.AddColumn<string>("content_hash").NotNull();
        audit.AddColumn<string>("hash").NotNull();
        audit.Indexes.Add(new IndexDefinition("ux_audit_message_key") { Columns = ["message_key"], IsUnique = true });
        audit.Indexes.Add(new IndexDefinition("ix_audit_request") { Columns = ["request_id", "seq"] });
        audit.Indexes.Add(new IndexDefinition("ix_audit_opd") { Columns = ["opd", "occurred_at", "seq"] });
        audit.Indexes.Add(new IndexDefinition("ix_audit_actor") { Columns = ["actor_id", "seq"] });
        audit.Indexes.Add(new IndexDefinition("ix_audit_type") { Columns = ["type", "seq"] });
        audit.Indexes.Add(new IndexDefinition("ix_audit_occurred") { Columns = ["occurred_at", "seq"] });
        opts.Storage.ExtendedSchemaObjects.Add(audit);

        var steps = new Table(Steps);
        steps.AddColumn<Guid>("request_id").AsPrimaryKey();
        steps.AddColumn<int>("step").AsPrimaryKey();
        steps.AddColumn<int>("round").AsPrimaryKey();
        steps.AddColumn<int>("segment").AsPrimaryKey();
        steps.AddColumn<string>("request_number").NotNull();
        steps.AddColumn<string>("opd").NotNull();
        steps.AddColumn("opened_at", "timestamptz").NotNull();
        steps.AddColumn("closed_at", "timestamptz");
        steps.AddColumn<string>("standard_kind").NotNull();
        steps.AddColumn("standard_seconds", "double precision");
        steps.AddColumn("due_date", "date");
        steps.AddColumn<string>("state").NotNull();
        steps.AddColumn<string>("outcome");
        steps.AddColumn<string>("closed_by_id");
        steps.AddColumn<string>("closed_by_name");
        // When the step as a whole ended (its last segment's close), for closed and cancelled steps.
        steps.AddColumn("ended_at", "timestamptz");
        steps.Indexes.Add(new IndexDefinition("ix_steps_state") { Columns = ["state"] });
        steps.Indexes.Add(new IndexDefinition("ix_steps_ended") { Columns = ["ended_at"] });
        opts.Storage.ExtendedSchemaObjects.Add(steps);

        var daysOff = new Table(DaysOff);
        daysOff.AddColumn("day", "date").AsPrimaryKey();
        daysOff.AddColumn<string>("name").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(daysOff);

        // Every day from 2000 to 2100 with the working seconds before it: working time between two
        // instants is then a difference of two lookups, cheap enough for aggregates over many steps.
        var days = new Table(WorkingDays);
        days.AddColumn("day", "date").AsPrimaryKey();
        days.AddColumn<bool>("is_working").NotNull();
        days.AddColumn("cum_before", "double precision").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(days);

        // Working seconds from the calendar's origin to an instant (WIB, weekdays, working hours, minus days off).
        opts.Storage.ExtendedSchemaObjects.Add(Function.ForSql($"""
            create or replace function {WorkingAt}(t timestamptz, ws time, we time)
            returns double precision language sql stable as $$
              select d.cum_before + case when d.is_working then
                       extract(epoch from (least(greatest((t at time zone 'Asia/Jakarta')::time, ws), we) - ws))::double precision
                     else 0 end
              from {WorkingDays} d where d.day = (t at time zone 'Asia/Jakarta')::date
            $$;
            """));

        // The SQL twin of WorkingCalendar.Between. A test holds them equal.
        opts.Storage.ExtendedSchemaObjects.Add(Function.ForSql($"""
            create or replace function {WorkingSeconds}(a timestamptz, b timestamptz, ws time, we time)
            returns double precision language sql stable as $$
              select case when b > a then greatest(0, {WorkingAt}(b, ws, we) - {WorkingAt}(a, ws, we)) else 0 end
            $$;
            """));
    }
}

/// <summary>
/// Copies the configured days off into the database, once per process before the first SQL that
/// needs them. The configuration stays the one source: a holiday added there recomputes every figure.
/// </summary>
public sealed class CalendarTable(NpgsqlDataSource database, CalendarOptions options)
{
    private readonly Lazy<Task> _synced = new(() => SyncAsync(database, options));

    public Task EnsureSyncedAsync() => _synced.Value;

    private static async Task SyncAsync(NpgsqlDataSource database, CalendarOptions options)
    {
        await using var conn = await database.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        // Several Reporting nodes may start together: one rewrites the calendar at a time.
        await using (var wait = new NpgsqlCommand("select pg_advisory_xact_lock(7261002)", conn, tx)) await wait.ExecuteNonQueryAsync();
        await using (var delete = new NpgsqlCommand($"delete from {ReportingSchema.DaysOff}", conn, tx)) await delete.ExecuteNonQueryAsync();
        var calendar = new WorkingCalendar(options);
        foreach (var (day, name) in options.Holidays.Concat(options.CollectiveLeave))
        {
            var date = DateOnly.ParseExact(day, "yyyy-MM-dd");
            if (calendar.IsWorkingDay(date) || string.IsNullOrWhiteSpace(name)) continue;
            await using var insert = new NpgsqlCommand($"insert into {ReportingSchema.DaysOff} (day, name) values (@d, @n) on conflict (day) do nothing", conn, tx);
            insert.Parameters.AddWithValue("d", date);
            insert.Parameters.AddWithValue("n", name);
            await insert.ExecuteNonQueryAsync();
        }
        // The cumulative working days, from the days off just written and the working hours.
        await using (var clear = new NpgsqlCommand($"delete from {ReportingSchema.WorkingDays}", conn, tx)) await clear.ExecuteNonQueryAsync();
        await using (var fill = new NpgsqlCommand($"""
            insert into {ReportingSchema.WorkingDays} (day, is_working, cum_before)
            select day, working, coalesce(sum(case when working then extract(epoch from (@we::time - @ws::time)) else 0 end)
                     over (order by day rows between unbounded preceding and 1 preceding), 0)
            from (select d::date as day,
                         extract(isodow from d) < 6 and not exists (select 1 from {ReportingSchema.DaysOff} o where o.day = d::date) as working
                  from generate_series(date '2000-01-01', date '2100-12-31', interval '1 day') d) days
            """, conn, tx))
        {
            fill.Parameters.AddWithValue("ws", TimeOnly.Parse(options.WorkdayStart));
            fill.Parameters.AddWithValue("we", TimeOnly.Parse(options.WorkdayEnd));
            await fill.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    /// <summary>The working hours as SQL parameters.</summary>
    public (TimeOnly Start, TimeOnly End) Hours => (TimeOnly.Parse(options.WorkdayStart), TimeOnly.Parse(options.WorkdayEnd));
}
