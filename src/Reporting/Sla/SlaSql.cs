namespace Spbe.Reporting.Sla;

/// <summary>
/// The SQL of the SLA figures: step facts grouped per step and round, with working time from the
/// cumulative working-day table joined set-wise (a function call per row cost seconds at 100,000 requests).
/// Parameters: <c>@ws</c>, <c>@we</c> (working hours, <see cref="CalendarTable.AddHours"/>).
/// </summary>
public static class SlaSql
{
    private const string Zone = "'Asia/Jakarta'";

    /// <summary>Working seconds from the calendar's origin to instant <paramref name="t"/>, given its day's row <paramref name="day"/>.</summary>
    private static string At(string day, string t) =>
        $"({day}.cum_before + case when {day}.is_working then extract(epoch from (least(greatest(({t} at time zone {Zone})::time, @ws), @we) - @ws))::double precision else 0 end)";

    /// <summary>
    /// The one SQL form of <c>WorkingCalendar.Between</c>: the rows of <paramref name="source"/> (aliased <c>s</c>)
    /// with <c>seconds</c>, the working time from <paramref name="from"/> to <paramref name="to"/> (zero when not after).
    /// </summary>
    public static string WithWorkingSeconds(string source, string from, string to) => $"""
        select s.*, greatest(0, {At("b", to)} - {At("a", from)}) as seconds
        from {source} s
        join {ReportingSchema.WorkingDays} a on a.day = ({from} at time zone {Zone})::date
        join {ReportingSchema.WorkingDays} b on b.day = ({to} at time zone {Zone})::date
        """;

    /// <summary>Segments with their working seconds up to <paramref name="end"/>, filtered by <paramref name="where"/>.</summary>
    private static string Segments(string end, string where) =>
        WithWorkingSeconds($"(select * from {ReportingSchema.Steps} s where {where})", "s.opened_at", end);

    /// <summary>When a step due on a date (steps 3 to 5) is due: the end of that working day (<c>SopStandards.Deadline</c>).</summary>
    private const string Deadline = $"((due + @we) at time zone {Zone})";

    /// <summary>Closed steps that ended in [@from, @to), each with its working seconds and whether it met its standard.</summary>
    public static readonly string ClosedSteps = $"""
        with seg as ({Segments("coalesce(s.closed_at, s.ended_at)", "s.state = 'closed' and s.ended_at >= @from and s.ended_at < @to")}),
        st as (
          select request_id, step, round, min(opd) as opd, min(closed_by_id) as executor_id, min(closed_by_name) as executor_name,
                 min(standard_kind) as kind, min(standard_seconds) as std, min(due_date) as due, max(ended_at) as ended, sum(seconds) as worked
          from seg group by request_id, step, round)
        select st.*, case when kind = 'due-date' then ended <= {Deadline} else worked <= std end as on_time
        from st
        """;

    /// <summary>
    /// The same rows as <see cref="ClosedSteps"/> (minus the standard), from the figures stored with each step
    /// (<c>worked_seconds</c>, <c>on_time</c>): one row per step, read from an index, with nothing measured again.
    /// </summary>
    public const string StoredClosedSteps = $"""
        select request_id, step, round, opd, closed_by_id as executor_id, closed_by_name as executor_name,
               ended_at as ended, worked_seconds as worked, on_time
        from {ReportingSchema.Steps}
        where state = 'closed' and segment = 1 and ended_at >= @from and ended_at < @to
        """;

    /// <summary>Open steps past their standard at @now.</summary>
    public static readonly string OverdueSteps = $"""
        with seg as ({Segments("coalesce(s.closed_at, @now)", "s.state = 'open'")}),
        st as (
          select request_id, step, round, min(request_number) as number, min(opd) as opd, min(standard_kind) as kind,
                 min(standard_seconds) as std, min(due_date) as due, min(opened_at) as opened, sum(seconds) as worked
          from seg group by request_id, step, round)
        select request_id, step, round, number, opd, kind, std, due, opened, worked,
               case when kind = 'due-date' then {Deadline} end as deadline
        from st
        where case when kind = 'due-date' then @now > {Deadline} else worked > std end
        """;
}
