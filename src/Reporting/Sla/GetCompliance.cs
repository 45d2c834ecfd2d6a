using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Spbe.Reporting.Timelines;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine.Http;

namespace Spbe.Reporting.Sla;

public sealed record ComplianceRow(string Key, string? Label, long Total, long OnTime, double Compliance, double AverageWorkingHours);

public sealed record ComplianceReport(DateOnly From, DateOnly To, string GroupBy, IReadOnlyList<ComplianceRow> Rows);

/// <summary>Share of closed steps that met their standard, grouped by step, OPD, executor or month.</summary>
public static class GetCompliance
{
    private static readonly Dictionary<string, (string Key, string Label)> Groups = new()
    {
        ["step"] = ("step::text", "null"),
        ["opd"] = ("opd", "null"),
        ["executor"] = ("coalesce(executor_id, '')", "min(executor_name)"),
        ["month"] = ("to_char(ended at time zone 'Asia/Jakarta', 'YYYY-MM')", "null"),
    };

    /// <summary>Runs the compliance query; shared with the monthly report.</summary>
    public static async Task<IReadOnlyList<ComplianceRow>> QueryAsync(NpgsqlDataSource database, CalendarTable calendar,
        DateTimeOffset from, DateTimeOffset to, string groupBy, CancellationToken ct)
    {
        await calendar.EnsureSyncedAsync();
        var (key, label) = Groups[groupBy];
        await using var cmd = database.CreateCommand($"""
            with c as ({SlaSql.StoredClosedSteps})
            select {key} as k, {label} as label, count(*) as total, count(*) filter (where on_time) as on_time, avg(worked) as avg_worked
            from c group by 1 order by 1
            """);
        cmd.Parameters.AddWithValue("from", from);
        cmd.Parameters.AddWithValue("to", to);
        var rows = new List<ComplianceRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var k = r.GetString(0);
            var total = r.GetInt64(2);
            var onTime = r.GetInt64(3);
            var labelText = groupBy == "step" ? SopStandards.StepNames[int.Parse(k)] : r.IsDBNull(1) ? null : r.GetString(1);
            rows.Add(new ComplianceRow(k, labelText, total, onTime, total == 0 ? 0 : Math.Round((double)onTime / total, 4),
                Math.Round(r.GetDouble(4) / 3600, 3)));
        }
        return rows;
    }

    /// <summary>Compliance by step and by OPD in one pass over the period's steps (the monthly report needs both).</summary>
    public static async Task<(IReadOnlyList<ComplianceRow> ByStep, IReadOnlyList<ComplianceRow> ByOpd)> QueryByStepAndOpdAsync(
        NpgsqlDataSource database, CalendarTable calendar, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await calendar.EnsureSyncedAsync();
        await using var cmd = database.CreateCommand($"""
            with c as ({SlaSql.StoredClosedSteps})
            select grouping(step) as by_opd, step, opd, count(*) as total, count(*) filter (where on_time) as on_time, avg(worked) as avg_worked
            from c group by grouping sets ((step), (opd)) order by 1, 2, 3
            """);
        cmd.Parameters.AddWithValue("from", from);
        cmd.Parameters.AddWithValue("to", to);
        var byStep = new List<ComplianceRow>();
        var byOpd = new List<ComplianceRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var total = r.GetInt64(3);
            var onTime = r.GetInt64(4);
            var compliance = total == 0 ? 0 : Math.Round((double)onTime / total, 4);
            var hours = Math.Round(r.GetDouble(5) / 3600, 3);
            if (r.GetInt32(0) == 0)
            {
                var step = r.GetInt32(1);
                byStep.Add(new ComplianceRow(step.ToString(), SopStandards.StepNames[step], total, onTime, compliance, hours));
            }
            else byOpd.Add(new ComplianceRow(r.GetString(2), null, total, onTime, compliance, hours));
        }
        return (byStep, byOpd);
    }

    [WolverineGet("/sla/compliance", OperationId = "getCompliance")]
    [EndpointSummary("Compliance with the standard times: from, to (dates, WIB, inclusive), groupBy step, opd, executor or month")]
    [ProducesResponseType<ComplianceReport>(200), ProducesResponseType(400)]
    public static async Task<IResult> Get(HttpContext http, NpgsqlDataSource database, CalendarTable calendar, string? from, string? to, string? groupBy)
    {
        var errors = new Errors();
        var start = errors.WibDay("from", from);
        var end = errors.WibDay("to", to, addDays: 1);
        if (start is null && !errors.Any) errors.Add("from", "Required.");
        if (end is null && !errors.Any) errors.Add("to", "Required.");
        var group = string.IsNullOrWhiteSpace(groupBy) ? "step" : groupBy.Trim();
        if (!Groups.ContainsKey(group)) errors.Add("groupBy", $"One of: {string.Join(", ", Groups.Keys)}.");
        if (start is not null && end is not null && end <= start) errors.Add("to", "Must not be before from.");
        if (errors.Any) return errors.ToResult();

        var rows = await QueryAsync(database, calendar, start!.Value, end!.Value, group, http.RequestAborted);
        return Results.Ok(new ComplianceReport(DateOnly.ParseExact(from!.Trim(), "yyyy-MM-dd"), DateOnly.ParseExact(to!.Trim(), "yyyy-MM-dd"), group, rows));
    }
}
