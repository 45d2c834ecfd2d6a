using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Spbe.Documents;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Reporting.Reports;

/// <summary>The monthly Laporan of a month that is over, as PDF.</summary>
public static class GetMonthlyDocument
{
    [WolverineGet("/reports/monthly/{month}/documents/{kind}", OperationId = "getMonthlyReportDocument")]
    [EndpointSummary("The monthly Laporan (kind laporan-bulanan) of a month that is over (yyyy-MM), as PDF")]
    [ProducesResponseType(typeof(Stream), 200, "application/pdf"), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409)]
    public static async Task<IResult> Get(string month, string kind, HttpContext http, NpgsqlDataSource database, CalendarTable calendar,
        DocumentKit kit, TimeProvider clock)
    {
        if (kind != MonthlyLaporanLetter.Kind) return Problems.NotFound("document");
        var now = clock.GetUtcNow();
        var (year, m, problem) = MonthlyDocuments.Check(month, now);
        if (problem is not null) return problem;
        return DocumentsEndpoints.Pdf(await MonthlyDocuments.IssueAsync(database, calendar, kit, year, m, now, http.RequestAborted));
    }
}
