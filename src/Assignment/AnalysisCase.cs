using System.Collections.Immutable;
using Spbe.Contracts;
using Spbe.Sop;

namespace Spbe.Assignment;

/// <summary>Where a case of step 2 stands.</summary>
public enum CaseStatus { Pending, Analysed, Assigned, Rejected, Closed }

public enum Feasibility { Feasible, FeasibleWithConditions, NotFeasible }

/// <summary>Hasil analisis: the Kasi's analysis of a request.</summary>
public sealed record AnalysisResult(
    string Summary, string Scope, Feasibility Feasibility, string Approach, int EstimatedEffortDays,
    IReadOnlyList<string> Risks, IReadOnlyList<string> RequiredRoles);

/// <summary>A Surat Tugas as issued: its number, the team with its lead, and the schedule.</summary>
public sealed record SuratTugas(string LetterNumber, string LeadNip, IReadOnlyList<TeamMember> Members, Schedule Schedule, int Revision);

/// <summary>A reissue of the Surat Tugas the Kasi asked for, waiting for Delivery's answer; its letter number is taken when accepted.</summary>
public sealed record TeamChangeProposal(string LeadNip, IReadOnlyList<TeamMember> Members, Schedule Schedule, int Revision, Actor Actor, DateTimeOffset At);

/// <summary>What the case knows of the request, from RequestRegistered.</summary>
public sealed record RequestInfo(
    string Number, string Opd, string Title, string Category, string ApplicationName, string Description,
    DateOnly? DesiredDate, DateTimeOffset SubmittedAt, DateTimeOffset RegisteredAt);

// ---- Events of an analysis case stream (keyed by the request id) ----

public sealed record CaseOpened(Guid RequestId, RequestInfo Request, DateTimeOffset DueAt, Actor Actor, DateTimeOffset At) : IDomainEvent;
public sealed record AnalysisRecorded(Guid RequestId, AnalysisResult Result, Actor Actor, DateTimeOffset At) : IDomainEvent;
public sealed record CaseRejected(Guid RequestId, string Reason, Actor Actor, DateTimeOffset At) : IDomainEvent;
public sealed record TeamAssignedToCase(Guid RequestId, SuratTugas Letter, Actor Actor, DateTimeOffset At) : IDomainEvent;
/// <summary>Delivery reported the work started: the team can no longer be changed.</summary>
public sealed record WorkStartNoted(Guid RequestId, Actor Actor, DateTimeOffset At) : IDomainEvent;
/// <summary>The OPD withdrew the request (Assignment accepted its withdrawal request): the case closes.</summary>
public sealed record CaseClosed(Guid RequestId, string Reason, Actor Actor, DateTimeOffset At) : IDomainEvent;
/// <summary>The OPD asked to withdraw the request after a team was assigned or it was rejected: refused, the case goes on.</summary>
public sealed record WithdrawalRefusedByCase(Guid RequestId, string Reason, DateTimeOffset RequestedAt, Actor Actor, DateTimeOffset At) : IDomainEvent;
/// <summary>The Kasi asked to reissue the Surat Tugas; Delivery, which owns the work, is asked whether it has started.</summary>
public sealed record TeamChangeProposed(Guid RequestId, TeamChangeProposal Proposal, Actor Actor, DateTimeOffset At) : IDomainEvent;
/// <summary>Delivery refused the reissue: the work had started. The team stays, and can no longer be changed.</summary>
public sealed record TeamChangeDeclined(Guid RequestId, int Revision, string Reason, Actor Actor, DateTimeOffset At) : IDomainEvent;

/// <summary>The write model of one case, also stored inline as the inbox's read model.</summary>
public sealed record AnalysisCase(
    Guid Id,
    RequestInfo Request,
    CaseStatus Status,
    DateTimeOffset DueAt,
    AnalysisResult? Analysis,
    SuratTugas? Team,
    bool WorkStarted,
    string? ClosingReason,
    DateTimeOffset UpdatedAt,
    long Version) : IRequestResource
{
    /// <summary>A reissue waiting for Delivery's answer, or null.</summary>
    public TeamChangeProposal? PendingTeamChange { get; init; }

    string IRequestResource.Opd => Request.Opd;

    /// <summary>Who recorded the Hasil analisis and when (it signs and dates the document); null on cases stored before.</summary>
    public Actor? AnalysedBy { get; init; }
    public DateTimeOffset? AnalysedAt { get; init; }

    /// <summary>Every Surat Tugas issued, in order (each revision is a document of its own).</summary>
    public ImmutableList<TeamAssignedToCase> Letters { get; init; } = [];

    public static AnalysisCase Create(CaseOpened e) =>
        new(e.RequestId, e.Request, CaseStatus.Pending, e.DueAt, null, null, false, null, e.At, 1);

    public AnalysisCase Apply(AnalysisRecorded e) => this with
    {
        Status = CaseStatus.Analysed, Analysis = e.Result, UpdatedAt = e.At, AnalysedBy = e.Actor, AnalysedAt = e.At,
    };
    public AnalysisCase Apply(CaseRejected e) => this with { Status = CaseStatus.Rejected, ClosingReason = e.Reason, UpdatedAt = e.At };
    public AnalysisCase Apply(TeamAssignedToCase e) => this with
    {
        Status = CaseStatus.Assigned, Team = e.Letter, PendingTeamChange = null, UpdatedAt = e.At, Letters = (Letters ?? []).Add(e),
    };
    public AnalysisCase Apply(TeamChangeProposed e) => this with { PendingTeamChange = e.Proposal, UpdatedAt = e.At };
    public AnalysisCase Apply(TeamChangeDeclined e) => this with { PendingTeamChange = null, WorkStarted = true, UpdatedAt = e.At };
    public AnalysisCase Apply(WithdrawalRefusedByCase e) => this with { UpdatedAt = e.At };
    public AnalysisCase Apply(WorkStartNoted e) => this with { WorkStarted = true, UpdatedAt = e.At };
    public AnalysisCase Apply(CaseClosed e) => this with { Status = CaseStatus.Closed, ClosingReason = e.Reason, UpdatedAt = e.At };

    public bool IsOpen => Status is CaseStatus.Pending or CaseStatus.Analysed or CaseStatus.Assigned;

    /// <summary>Step 2 is still the office's to finish (no team yet).</summary>
    public bool AwaitsDecision => Status is CaseStatus.Pending or CaseStatus.Analysed;
}
