using Npgsql;
using Spbe.Sop;

namespace Spbe.Reporting;

/// <summary>
/// Copies the configured days off into the database, once per process before the first SQL that
/// needs them. The configuration stays the one source: a holiday added there recomputes every figure.
/// </summary>
public sealed class CalendarTable(NpgsqlDataSource database, CalendarOptions options)
{
    private readonly Lock _gate = new();
    private Task? _synced;

    /// <summary>Syncs once; a sync that failed (the database away, at start) is tried again by the next caller.</summary>
    public Task EnsureSyncedAsync()
    {
        lock (_gate)
        {
            if (_synced is null || _synced.IsFaulted || _synced.IsCanceled) _synced = SyncAsync(database, options);
            return _synced;
        }
    }

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
        await RefreshStoredFiguresAsync(conn, tx, options);
        await tx.CommitAsync();
    }

    /// <summary>
    /// The closed steps' stored working time and on-time flag were computed with the calendar of their day:
    /// when the calendar differs from the one they were last computed with, all are computed again here, set-wise,
    /// by the SQL form of the rule (the working days just written), so the figures follow the configuration.
    /// </summary>
    private static async Task RefreshStoredFiguresAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CalendarOptions options)
    {
        string fingerprint;
        await using (var cmd = new NpgsqlCommand($"""
            select md5(string_agg(day::text || is_working::text || cum_before::text, ',' order by day)) || ' ' || @ws::text || '-' || @we::text
            from {ReportingSchema.WorkingDays}
            """, conn, tx))
        {
            AddHours(cmd, options);
            fingerprint = (string)(await cmd.ExecuteScalarAsync())!;
        }
        await using (var known = new NpgsqlCommand($"select fingerprint from {ReportingSchema.CalendarState} where id = 1", conn, tx))
            if (await known.ExecuteScalarAsync() as string == fingerprint) return;

        await using (var update = new NpgsqlCommand($"""
            update {ReportingSchema.Steps} s set worked_seconds = c.worked, on_time = c.on_time
            from ({Sla.SlaSql.ClosedSteps}) c
            where s.state = 'closed' and s.request_id = c.request_id and s.step = c.step and s.round = c.round
              -- Rows that already agree (to the millisecond) are not written again.
              and (s.on_time is distinct from c.on_time or s.worked_seconds is null or abs(s.worked_seconds - c.worked) > 0.001)
            """, conn, tx))
        {
            // Every closed step, whenever it ended.
            update.Parameters.AddWithValue("from", new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero));
            update.Parameters.AddWithValue("to", new DateTimeOffset(2200, 1, 1, 0, 0, 0, TimeSpan.Zero));
            AddHours(update, options);
            update.CommandTimeout = 0;
            await update.ExecuteNonQueryAsync();
        }
        await using var save = new NpgsqlCommand($"""
            insert into {ReportingSchema.CalendarState} (id, fingerprint) values (1, @f)
            on conflict (id) do update set fingerprint = excluded.fingerprint
            """, conn, tx);
        save.Parameters.AddWithValue("f", fingerprint);
        await save.ExecuteNonQueryAsync();
    }

    /// <summary>The working hours as the SQL parameters <c>@ws</c> and <c>@we</c> (<see cref="Sla.SlaSql"/>).</summary>
    public void AddHours(NpgsqlCommand cmd) => AddHours(cmd, options);

    private static void AddHours(NpgsqlCommand cmd, CalendarOptions options)
    {
        cmd.Parameters.AddWithValue("ws", TimeOnly.Parse(options.WorkdayStart));
        cmd.Parameters.AddWithValue("we", TimeOnly.Parse(options.WorkdayEnd));
    }
}
