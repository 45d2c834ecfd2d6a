using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Delivery.GettingWorkOrder;

/// <summary>A work order as its readers see it: the Surat Tugas, where it stands, every round.</summary>
public sealed record WorkOrderView(
    Guid Id, string Number, string Opd, string Title, string LetterNumber, string LeadNip, IReadOnlyList<TeamMember> Members,
    Schedule Schedule, string AnalysisSummary, int TeamRevision, WorkOrderStatus Status, int Round, DateOnly? NextDue,
    IReadOnlyList<Round> Rounds, Handover? Handover, DateTimeOffset UpdatedAt, long Version)
{
    /// <summary>The revision of an accepted reissue of the Surat Tugas whose letter is awaited (the start waits for it), or null.</summary>
    public int? HeldForRevision { get; init; }

    public static WorkOrderView Of(WorkOrder w) => new(
        w.Id, w.Number, w.Opd, w.Title, w.LetterNumber, w.LeadNip, w.Members, w.Schedule, w.AnalysisSummary, w.TeamRevision,
        w.Status, w.Current.Number, w.NextDue, w.Rounds, w.Handover, w.UpdatedAt, w.Version) { HeldForRevision = w.HeldForRevision };
}

public static class GetWorkOrder
{
    [WolverineGet("/work-orders/{id}", OperationId = "getWorkOrder")]
    [EndpointSummary("The work order, its rounds and its schedule")]
    [ProducesResponseType<WorkOrderView>(200), ProducesResponseType(403), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session)
    {
        var (work, problem) = await Guard.LoadAsync<WorkOrder>(session, http, id, "work order");
        if (problem is not null) return problem;
        http.SetETag(work!.Version);
        return Results.Ok(WorkOrderView.Of(work));
    }
}
