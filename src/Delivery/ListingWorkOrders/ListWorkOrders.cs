using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine.Http;

namespace Spbe.Delivery.ListingWorkOrders;

public sealed record WorkOrderListItem(
    Guid Id, string Number, string Opd, string Title, WorkOrderStatus Status, int Round, DateOnly? NextDue, string LetterNumber);

/// <summary>Work orders by the next due date of their schedule: a team member's own, everything for the Kasi and auditor, an OPD's own.</summary>
public static class ListWorkOrders
{
    private static readonly IReadOnlyDictionary<string, WorkOrderStatus> Statuses = Enum.GetValues<WorkOrderStatus>().ToDictionary(s => s.ToApiName());

    [WolverineGet("/work-orders", OperationId = "listWorkOrders")]
    [EndpointSummary("List work orders: filter status, assignee (NIP); ordered by next due date")]
    [ProducesResponseType<ListPage<WorkOrderListItem>>(200), ProducesResponseType(400), ProducesResponseType(403)]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, string? status, string? assignee, string? page, string? pageSize)
    {
        var errors = new Errors();
        var (p, size) = Paging.Read(page, pageSize, errors);
        var caller = http.User.ToCaller();
        IQueryable<WorkOrder> query = session.Query<WorkOrder>();

        // Filtered (the matrix has let only these roles in): the oversight sees all, the team its own, an OPD its own.
        if (caller.IsAny(Roles.Oversight)) { }
        else if (caller.IsAny(Roles.Team))
        {
            var nip = caller.Nip ?? "";
            query = query.Where(w => w.MemberNips.Contains(nip));
        }
        else
        {
            var opd = caller.Opd ?? "";
            query = query.Where(w => w.Opd == opd);
        }

        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Statuses.TryGetValue(status.Trim(), out var s)) query = query.Where(w => w.Status == s);
            else errors.Add("status", $"One of: {string.Join(", ", Statuses.Keys)}.");
        }
        if (!string.IsNullOrWhiteSpace(assignee))
        {
            var nip = assignee.Trim();
            if (!Nip.IsValid(nip, out var why)) errors.Add("assignee", why);
            else query = query.Where(w => w.MemberNips.Contains(nip));
        }
        if (errors.Any) return errors.ToResult();

        var result = await query.OrderBy(w => w.NextDue).ThenBy(w => w.Number).ToPagedListAsync(p, size, useCountQuery: true, http.RequestAborted);
        var items = result.Select(w => new WorkOrderListItem(w.Id, w.Number, w.Opd, w.Title, w.Status, w.Current.Number, w.NextDue, w.LetterNumber)).ToList();
        return Results.Ok(new ListPage<WorkOrderListItem>(items, p, size, result.TotalItemCount));
    }
}
