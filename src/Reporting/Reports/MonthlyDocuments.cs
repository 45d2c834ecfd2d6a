using System.Globalization;
using Npgsql;
using Spbe.Documents;
using Spbe.Reporting.Sla;
using Spbe.Reporting.Verifying;
using Spbe.ServiceDefaults;
using Spbe.Sop;

namespace Spbe.Reporting.Reports;

/// <summary>
/// The monthly Laporan of a month that is over, from the audit log; issued (recorded for the public verification)
/// the first time it is asked for.
/// </summary>
public static class MonthlyDocuments
{
    /// <summary>
    /// Pure: the month of <c>yyyy-MM</c>; or why it has no Laporan: malformed (400), not over yet at <paramref name="now"/> (409).
    /// </summary>
    public static (int Year, int Month, IResult? Problem) Check(string month, DateTimeOffset now)
    {
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            || first.Year is < 2000 or > 2100)
            return (0, 0, Problems.Invalid("month", "Written yyyy-MM, e.g. 2026-11."));
        if (Wib.StartOf(first.AddMonths(1)) > now) return (0, 0, Problems.Conflict("The month is not over: its Laporan is issued once it is."));
        return (first.Year, first.Month, null);
    }

    public static async Task<RenderedDocument> IssueAsync(NpgsqlDataSource database, CalendarTable calendar, DocumentKit kit,
        int year, int month, DateTimeOffset now, CancellationToken ct)
    {
        var first = new DateOnly(year, month, 1);
        var (from, to) = (Wib.StartOf(first), Wib.StartOf(first.AddMonths(1)));
        var counts = await GetMonthlyReport.QueryCountsAsync(database, from, to, ct);
        var (byStep, byOpd) = await GetCompliance.QueryByStepAndOpdAsync(database, calendar, from, to, ct);
        var document = kit.Render(MonthlyLaporanLetter.Of(year, month, counts, byStep, byOpd, kit.Office));
        await IssuedDocuments.RecordAsync(database, document.Issued, now, ct);
        return document;
    }
}
