using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine.Http;

namespace Spbe.Intake.ListingRequests;

/// <summary>One request of a list: <c>Number</c> (the register number) is null until registration.</summary>
public sealed record RequestListItem(
    Guid Id, string? Number, string? TrackingCode, string Opd, RequestStatus Status, string Title, string Category,
    string ApplicationName, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt);

/// <summary>The requests a caller may see, filtered and paged in the database.</summary>
public static class ListRequests
{
    private static readonly IReadOnlyDictionary<string, RequestStatus> Statuses =
        Enum.GetValues<RequestStatus>().ToDictionary(s => s.ToApiName());

    [WolverineGet("/requests", OperationId = "listRequests")]
    [EndpointSummary("List requests: filter status, category, opd, q (number, tracking code, title, application), from, to (dates, WIB); opd users see their own OPD")]
    [ProducesResponseType<ListPage<RequestListItem>>(200), ProducesResponseType(400)]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session,
        string? status, string? category, string? opd, string? q, string? from, string? to, string? page, string? pageSize)
    {
        var errors = new Errors();
        var (p, size) = Paging.Read(page, pageSize, errors);
        var user = http.User;
        IQueryable<ServiceRequest> query = session.Query<ServiceRequest>();
        if (!user.HasAnyRole([.. Roles.Office]))
        {
            // An agency sees its own requests only, whatever it asks for.
            var own = user.OpdCode() ?? "";
            query = query.Where(r => r.Opd == own);
        }
        else if (!string.IsNullOrWhiteSpace(opd))
        {
            var code = OpdCode.Normalize(opd);
            query = query.Where(r => r.Opd == code);
        }

        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Statuses.TryGetValue(status.Trim(), out var s)) query = query.Where(r => r.Status == s);
            else errors.Add("status", $"Unknown status; one of: {string.Join(", ", Statuses.Keys)}.");
        }
        if (!string.IsNullOrWhiteSpace(category))
        {
            if (Submitting.RequestFormValidator.Categories.TryGetValue(category.Trim(), out var c)) query = query.Where(r => r.Details.Category == c);
            else errors.Add("category", $"Unknown category; one of: {string.Join(", ", Submitting.RequestFormValidator.Categories.Keys)}.");
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            if (q.Length > 200) errors.Add("q", "At most 200 characters.");
            // The search text holds the register number, the tracking code, the title and the application.
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(r => r.SearchText.Contains(text));
        }
        var fromInstant = errors.WibDay("from", from);
        var toInstant = errors.WibDay("to", to, addDays: 1);
        if (fromInstant is not null) query = query.Where(r => r.SubmittedAt >= fromInstant.Value);
        if (toInstant is not null) query = query.Where(r => r.SubmittedAt < toInstant.Value);
        if (errors.Any) return errors.ToResult();

        // A count query of its own: Marten's default counts with a window function over the whole result,
        // reading and sorting every matching document (about 400 ms over 100,000 requests) to return 50.
        var result = await query.OrderByDescending(r => r.SubmittedAt).ToPagedListAsync(p, size, useCountQuery: true, http.RequestAborted);
        var items = result.Select(r => new RequestListItem(r.Id, r.Number, r.TrackingCode, r.Opd, r.Status, r.Details.Title,
            Submitting.RequestFormValidator.Wire(r.Details.Category), r.Details.ApplicationName, r.SubmittedAt, r.UpdatedAt)).ToList();
        return Results.Ok(new ListPage<RequestListItem>(items, p, size, result.TotalItemCount));
    }
}
