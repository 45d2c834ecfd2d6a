namespace Spbe.Reporting.Sla;

/// <summary>The SQL of the SLA figures: step facts grouped per step and round, measured with the working-time function.</summary>
public static class SlaSql
{
    /// <summary>Closed steps that ended in [@from, @to), each with its working seconds and whether it met its standard.</summary>
    public static readonly string ClosedSteps = $"""
        with s as (
          select request_id, step, round, min(opd) as opd, min(closed_by_id) as executor_id, min(closed_by_name) as executor_name,
                 min(standard_kind) as kind, min(standard_seconds) as std, min(due_date) as due, max(ended_at) as ended,
                 sum({ReportingSchema.WorkingSeconds}(opened_at, coalesce(closed_at, ended_at), @ws, @we)) as worked
          from {ReportingSchema.Steps}
          where state = 'closed' and ended_at >= @from and ended_at < @to
          group by request_id, step, round)
        select s.*, case when kind = 'due-date' then ended <= ((due + @we) at time zone 'Asia/Jakarta') else worked <= std end as on_time
        from s
        """;

    /// <summary>Open steps past their standard at @now.</summary>
    public static readonly string OverdueSteps = $"""
        with s as (
          select request_id, step, round, min(request_number) as number, min(opd) as opd, min(standard_kind) as kind,
                 min(standard_seconds) as std, min(due_date) as due, min(opened_at) as opened,
                 sum({ReportingSchema.WorkingSeconds}(opened_at, coalesce(closed_at, @now), @ws, @we)) as worked
          from {ReportingSchema.Steps}
          where request_id in (select request_id from {ReportingSchema.Steps} where state = 'open' and closed_at is null)
            and state = 'open'
          group by request_id, step, round)
        select request_id, step, round, number, opd, kind, std, due, opened, worked,
               case when kind = 'due-date' then ((due + @we) at time zone 'Asia/Jakarta') end as deadline
        from s
        where case when kind = 'due-date' then @now > ((due + @we) at time zone 'Asia/Jakarta') else worked > std end
        """;
}
