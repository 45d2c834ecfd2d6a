using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Spbe.Reporting.AuditLog;
using Spbe.Reporting.Sla;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine.Http;

namespace Spbe.Reporting.Reports;

public sealed record RequestCounts(long Submitted, long Registered, long Returned, long Rejected, long Withdrawn, long TeamsAssigned, long Completed);

/// <summary>The monthly report (Laporan) of the SOP, with the audit log's digest printed for safekeeping.</summary>
public sealed record MonthlyReport(int Year, int Month, DateTimeOffset GeneratedAt, RequestCounts Requests,
    IReadOnlyList<ComplianceRow> ComplianceByStep, IReadOnlyList<ComplianceRow> ComplianceByOpd, long OverdueNow, GetDigest.DigestView AuditDigest);

public static class GetMonthlyReport
{
    [WolverineGet("/reports/monthly", OperationId = "getMonthlyReport")]
    [EndpointSummary("The monthly report: year, month; JSON, or CSV with Accept: text/csv")]
    [ProducesResponseType<MonthlyReport>(200), ProducesResponseType(typeof(string), 200, "text/csv"), ProducesResponseType(400)]
    public static async Task<IResult> Get(HttpContext http, NpgsqlDataSource database, CalendarTable calendar, TimeProvider clock, int? year, int? month)
    {
        var errors = new Errors();
        if (year is null or < 2000 or > 2100) errors.Add("year", "Required, 2000 to 2100.");
        if (month is null or < 1 or > 12) errors.Add("month", "Required, 1 to 12.");
        if (errors.Any) return errors.ToResult();

        var now = clock.GetUtcNow();
        var first = new DateOnly(year!.Value, month!.Value, 1);
        var from = Wib.StartOf(first);
        var to = Wib.StartOf(first.AddMonths(1));
        var ct = http.RequestAborted;

        // The four parts read different rows: asked at once, each on a connection of its own.
        await calendar.EnsureSyncedAsync();
        var countsTask = QueryCountsAsync(database, from, to, ct);
        var complianceTask = GetCompliance.QueryByStepAndOpdAsync(database, calendar, from, to, ct);
        var overdueTask = CountOverdueAsync(database, calendar, now, ct);
        var digestTask = GetDigest.CurrentAsync(database, now, ct);
        await Task.WhenAll(countsTask, complianceTask, overdueTask, digestTask);
        var (counts, (byStep, byOpd), overdue, digest) = (countsTask.Result, complianceTask.Result, overdueTask.Result, digestTask.Result);
        var report = new MonthlyReport(year.Value, month.Value, now, counts, byStep, byOpd, overdue,
            new GetDigest.DigestView(digest.Entries, digest.HeadHash, digest.At, digest.Token));

        return http.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase)
            ? Results.Text(ToCsv(report), "text/csv; charset=utf-8", Encoding.UTF8)
            : Results.Ok(report);
    }

    private static async Task<long> CountOverdueAsync(NpgsqlDataSource database, CalendarTable calendar, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = database.CreateCommand($"select count(*) from ({SlaSql.OverdueSteps}) o");
        cmd.Parameters.AddWithValue("now", now);
        calendar.AddHours(cmd);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The month's request counts from the audit log (messages that happened from <paramref name="from"/> to before <paramref name="to"/>).</summary>
    public static async Task<RequestCounts> QueryCountsAsync(NpgsqlDataSource database, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using (var cmd = database.CreateCommand($"""
            select count(distinct request_id) filter (where type = 'request-submitted' and round = 1),
                   count(*) filter (where type = 'request-registered'),
                   count(*) filter (where type = 'request-returned'),
                   count(*) filter (where type = 'request-rejected'),
                   count(*) filter (where type = 'request-withdrawn'),
                   count(distinct request_id) filter (where type = 'team-assigned'),
                   count(*) filter (where type = 'request-handed-over')
            from {ReportingSchema.AuditLog} where occurred_at >= @from and occurred_at < @to
            """))
        {
            cmd.Parameters.AddWithValue("from", from);
            cmd.Parameters.AddWithValue("to", to);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            return new RequestCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6));
        }
    }

    /// <summary>Pure: the report as CSV, one section per block.</summary>
    public static string ToCsv(MonthlyReport report)
    {
        var csv = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        csv.Append(inv, $"section,key,label,total,on_time,compliance,average_working_hours\n");
        var c = report.Requests;
        foreach (var (key, value) in new (string, long)[]
                 {
                     ("submitted", c.Submitted), ("registered", c.Registered), ("returned", c.Returned), ("rejected", c.Rejected),
                     ("withdrawn", c.Withdrawn), ("teams-assigned", c.TeamsAssigned), ("completed", c.Completed), ("overdue-now", report.OverdueNow),
                 })
            csv.Append(inv, $"requests,{key},,{value},,,\n");
        foreach (var row in report.ComplianceByStep)
            csv.Append(inv, $"compliance-by-step,{row.Key},{ExportAudit.Field(row.Label)},{row.Total},{row.OnTime},{row.Compliance},{row.AverageWorkingHours}\n");
        foreach (var row in report.ComplianceByOpd)
            csv.Append(inv, $"compliance-by-opd,{ExportAudit.Field(row.Key)},,{row.Total},{row.OnTime},{row.Compliance},{row.AverageWorkingHours}\n");
        csv.Append(inv, $"audit-digest,{report.AuditDigest.Digest},{report.AuditDigest.At.UtcDateTime:O},{report.AuditDigest.Entries},,,\n");
        return csv.ToString();
    }
}
