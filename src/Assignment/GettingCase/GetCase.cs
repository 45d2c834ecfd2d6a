using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Assignment.GettingCase;

/// <summary>A case as the Kasi's inbox shows it.</summary>
public sealed record CaseView(
    Guid Id, string Number, string Opd, string Title, string Category, string ApplicationName, string Description,
    DateOnly? DesiredDate, CaseStatus Status, DateTimeOffset RegisteredAt, DateTimeOffset DueAt, bool Overdue,
    AnalysisResult? Analysis, SuratTugas? Team, bool WorkStarted, string? ClosingReason, long Version)
{
    /// <summary>A reissue of the Surat Tugas waiting for Delivery's answer (no letter number yet), or null.</summary>
    public TeamChangeProposal? PendingTeamChange { get; init; }

    public static CaseView Of(AnalysisCase c, DateTimeOffset now) => new(
        c.Id, c.Request.Number, c.Request.Opd, c.Request.Title, c.Request.Category, c.Request.ApplicationName,
        c.Request.Description, c.Request.DesiredDate, c.Status, c.Request.RegisteredAt, c.DueAt,
        c.AwaitsDecision && now > c.DueAt, c.Analysis, c.Team, c.WorkStarted, c.ClosingReason, c.Version)
    {
        PendingTeamChange = c.PendingTeamChange,
    };
}

public static class GetCase
{

    [WolverineGet("/analyses/{id}", OperationId = "getAnalysis")]
    [EndpointSummary("A case with its due time (1 working day from registration)")]
    [ProducesResponseType<CaseView>(200), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, TimeProvider clock)
    {
        var c = await session.LoadAsync<AnalysisCase>(id, http.RequestAborted);
        if (c is null) return Problems.NotFound("case");
        http.SetETag(c.Version);
        return Results.Ok(CaseView.Of(c, clock.GetUtcNow()));
    }
}
