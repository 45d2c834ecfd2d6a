using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Mvc;
using Spbe.Assignment.GettingCase;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine.Http;

namespace Spbe.Assignment.ListingCases;

/// <summary>The Kasi's inbox: cases by due time, soonest first, with the overdue ones marked.</summary>
public static class ListCases
{
    private static readonly IReadOnlyDictionary<string, CaseStatus> Statuses = Enum.GetValues<CaseStatus>().ToDictionary(s => s.ToApiName());

    [WolverineGet("/analyses", OperationId = "listAnalyses")]
    [EndpointSummary("Cases by due time; filter status (pending, analysed, assigned, rejected, closed); default: the open ones")]
    [ProducesResponseType<ListPage<CaseView>>(200), ProducesResponseType(400)]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, TimeProvider clock, string? status, string? page, string? pageSize)
    {
        var errors = new Errors();
        var (p, size) = Paging.Read(page, pageSize, errors);
        IQueryable<AnalysisCase> query = session.Query<AnalysisCase>();
        if (string.IsNullOrWhiteSpace(status))
            query = query.Where(c => c.Status == CaseStatus.Pending || c.Status == CaseStatus.Analysed || c.Status == CaseStatus.Assigned);
        else if (Statuses.TryGetValue(status.Trim(), out var s)) query = query.Where(c => c.Status == s);
        else errors.Add("status", $"One of: {string.Join(", ", Statuses.Keys)}.");
        if (errors.Any) return errors.ToResult();

        var now = clock.GetUtcNow();
        var result = await query.OrderBy(c => c.DueAt).ToPagedListAsync(p, size, useCountQuery: true, http.RequestAborted);
        return Results.Ok(new ListPage<CaseView>(result.Select(c => CaseView.Of(c, now)).ToList(), p, size, result.TotalItemCount));
    }
}
