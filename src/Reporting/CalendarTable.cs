using Npgsql;
using Spbe.Sop;

namespace Spbe.Reporting;

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

    /// <summary>The working hours as the SQL parameters <c>@ws</c> and <c>@we</c> (<see cref="Sla.SlaSql"/>).</summary>
    public void AddHours(NpgsqlCommand cmd)
    {
        cmd.Parameters.AddWithValue("ws", TimeOnly.Parse(options.WorkdayStart));
        cmd.Parameters.AddWithValue("we", TimeOnly.Parse(options.WorkdayEnd));
    }
}
