using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Spbe.Documents;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Reporting.Reports;

/// <summary>The documents of a month that is over: its Laporan.</summary>
public static class ListMonthlyDocuments
{
    [WolverineGet("/reports/monthly/{month}/documents", OperationId = "listMonthlyReportDocuments")]
    [EndpointSummary("The documents of a month that is over (yyyy-MM): its monthly Laporan, with number, date, SHA-256, address of the PDF")]
    [ProducesResponseType<IReadOnlyList<DocumentEntry>>(200), ProducesResponseType(400), ProducesResponseType(409)]
    public static async Task<IResult> Get(string month, HttpContext http, NpgsqlDataSource database, CalendarTable calendar, DocumentKit kit, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var (year, m, problem) = MonthlyDocuments.Check(month, now);
        if (problem is not null) return problem;
        var document = await MonthlyDocuments.IssueAsync(database, calendar, kit, year, m, now, http.RequestAborted);
        var l = document.Letter;
        return Results.Ok(new[]
        {
            new DocumentEntry(l.Kind, l.Name, l.Title, l.Number, l.Date, document.Sha256, document.VerificationCode,
                $"/reports/monthly/{month}/documents/{l.Name}"),
        });
    }
}
