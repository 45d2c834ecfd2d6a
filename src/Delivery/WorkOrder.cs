using System.Collections.Immutable;
using Spbe.Contracts;
using Spbe.Sop;

namespace Spbe.Delivery;

/// <summary>Where a work order stands in steps 3 to 6.</summary>
public enum WorkOrderStatus { AwaitingStart, InExecution, InternalCheck, OwnerCheck, Handover, Completed }

public sealed record ExecutionReport(string Summary, string Changes, string? DeploymentNotes);

public sealed record ProgressNote(string Note, int Percent, Actor Actor, DateTimeOffset At);

public sealed record CheckRecord(bool Passed, IReadOnlyList<Finding> Findings, string BeritaAcaraNumber, Actor Actor, DateTimeOffset At);

/// <summary>One pass through step 3 (and the checks after it). A failed check opens the next round.</summary>
public sealed record Round(
    int Number, DateTimeOffset OpenedAt, DateTimeOffset? StartedAt, ImmutableList<ProgressNote> Progress,
    ExecutionReport? Report, DateTimeOffset? ReportedAt, CheckRecord? InternalCheck, CheckRecord? OwnerCheck)
{
    /// <summary>Who submitted the round's report (signs the Laporan hasil pelaksanaan); null on rounds stored before.</summary>
    public Actor? ReportedBy { get; init; }
}

public sealed record Handover(Person HandedOverBy, Person ReceivedBy, string? Notes, string BeritaAcaraNumber, Actor Actor, DateTimeOffset At);

// ---- Events of a work order stream (keyed by the request id) ----

public sealed record WorkOrderOpened(
    Guid RequestId, string Number, string Opd, string Title, string LetterNumber, string LeadNip,
    IReadOnlyList<TeamMember> Members, Schedule Schedule, string AnalysisSummary, int Revision, Actor Actor, DateTimeOffset At) : IDomainEvent;
/// <summary>A reissued Surat Tugas replaced the team before work started.</summary>
public sealed record TeamReplaced(
    Guid RequestId, string LetterNumber, string LeadNip, IReadOnlyList<TeamMember> Members, Schedule Schedule, int Revision, Actor Actor, DateTimeOffset At) : IDomainEvent;
/// <summary>
/// Delivery accepted a reissue of the Surat Tugas (the work had not started): the start waits for the new letter,
/// which arrives as TeamAssigned of that revision (then <see cref="TeamReplaced"/>).
/// </summary>
public sealed record TeamChangeHeld(Guid RequestId, int Revision, Actor Actor, DateTimeOffset At) : IDomainEvent;
/// <summary>Delivery refused a reissue of the Surat Tugas: the work had started under the team it has.</summary>
public sealed record TeamChangeRefusedByWork(Guid RequestId, int Revision, string Reason, Actor Actor, DateTimeOffset At) : IDomainEvent;
public sealed record ExecutionStarted(Guid RequestId, int Round, Actor Actor, DateTimeOffset At) : IDomainEvent;
public sealed record ProgressRecorded(Guid RequestId, int Round, string Note, int Percent, Actor Actor, DateTimeOffset At) : IDomainEvent;
public sealed record ExecutionReportSubmitted(Guid RequestId, int Round, ExecutionReport Report, Actor Actor, DateTimeOffset At) : IDomainEvent;
public sealed record InternalCheckRecorded(Guid RequestId, int Round, bool Passed, IReadOnlyList<Finding> Findings, string BeritaAcaraNumber, Actor Actor, DateTimeOffset At) : IDomainEvent;
public sealed record OwnerCheckRecorded(Guid RequestId, int Round, bool Accepted, IReadOnlyList<Finding> Findings, string BeritaAcaraNumber, Actor Actor, DateTimeOffset At) : IDomainEvent;
public sealed record HandoverRecorded(Guid RequestId, Person HandedOverBy, Person ReceivedBy, string? Notes, string BeritaAcaraNumber, Actor Actor, DateTimeOffset At) : IDomainEvent;

/// <summary>The write model of one work order, also stored inline as the read model of its lists.</summary>
public sealed record WorkOrder(
    Guid Id, string Number, string Opd, string Title, string LetterNumber, string LeadNip,
    ImmutableList<TeamMember> Members, Schedule Schedule, string AnalysisSummary, int TeamRevision,
    WorkOrderStatus Status, ImmutableList<Round> Rounds, Handover? Handover, DateTimeOffset UpdatedAt, long Version) : IRequestResource
{
    /// <summary>The members' NIPs, flat, so "my work" is one indexed query.</summary>
    public string[] MemberNips { get; init; } = [];

    /// <summary>The revision of an accepted reissue whose letter has not arrived yet: the work may not start until it does.</summary>
    public int? HeldForRevision { get; init; }

    /// <summary>The highest revision whose reissue Delivery has answered (accepted or refused), so a redelivered question is answered once.</summary>
    public int AnsweredRevision { get; init; }

    /// <summary>The due date of the step the work order is in (from the Surat Tugas), for ordering lists.</summary>
    public DateOnly? NextDue { get; init; }

    public Round Current => Rounds[^1];

    public static WorkOrder Create(WorkOrderOpened e) => Recompute(new WorkOrder(
        e.RequestId, e.Number, e.Opd, e.Title, e.LetterNumber, e.LeadNip, [.. e.Members], e.Schedule, e.AnalysisSummary,
        e.Revision, WorkOrderStatus.AwaitingStart, [new Round(1, e.At, null, [], null, null, null, null)], null, e.At, 1));

    public WorkOrder Apply(TeamReplaced e) => Recompute(this with
    {
        LetterNumber = e.LetterNumber, LeadNip = e.LeadNip, Members = [.. e.Members], Schedule = e.Schedule, TeamRevision = e.Revision, UpdatedAt = e.At,
        HeldForRevision = HeldForRevision <= e.Revision ? null : HeldForRevision,
    });

    public WorkOrder Apply(TeamChangeHeld e) => this with { HeldForRevision = e.Revision, AnsweredRevision = Math.Max(AnsweredRevision, e.Revision), UpdatedAt = e.At };

    public WorkOrder Apply(TeamChangeRefusedByWork e) => this with { AnsweredRevision = Math.Max(AnsweredRevision, e.Revision), UpdatedAt = e.At };

    /// <summary>No round has started yet: the team (Surat Tugas) can still be replaced.</summary>
    public bool IsUntouched => Status == WorkOrderStatus.AwaitingStart && Rounds.Count == 1 && Current.StartedAt is null;

    public WorkOrder Apply(ExecutionStarted e) => Recompute(WithCurrent(r => r with { StartedAt = e.At }) with { Status = WorkOrderStatus.InExecution, UpdatedAt = e.At });

    public WorkOrder Apply(ProgressRecorded e) => WithCurrent(r => r with { Progress = r.Progress.Add(new ProgressNote(e.Note, e.Percent, e.Actor, e.At)) }) with { UpdatedAt = e.At };

    public WorkOrder Apply(ExecutionReportSubmitted e) => Recompute(WithCurrent(r => r with { Report = e.Report, ReportedAt = e.At, ReportedBy = e.Actor }) with { Status = WorkOrderStatus.InternalCheck, UpdatedAt = e.At });

    public WorkOrder Apply(InternalCheckRecorded e)
    {
        var recorded = WithCurrent(r => r with { InternalCheck = new CheckRecord(e.Passed, e.Findings, e.BeritaAcaraNumber, e.Actor, e.At) });
        return Recompute(e.Passed ? recorded with { Status = WorkOrderStatus.OwnerCheck, UpdatedAt = e.At } : recorded.Rework(e.At));
    }

    public WorkOrder Apply(OwnerCheckRecorded e)
    {
        var recorded = WithCurrent(r => r with { OwnerCheck = new CheckRecord(e.Accepted, e.Findings, e.BeritaAcaraNumber, e.Actor, e.At) });
        return Recompute(e.Accepted ? recorded with { Status = WorkOrderStatus.Handover, UpdatedAt = e.At } : recorded.Rework(e.At));
    }

    public WorkOrder Apply(HandoverRecorded e) => Recompute(this with
    {
        Status = WorkOrderStatus.Completed, UpdatedAt = e.At,
        Handover = new Handover(e.HandedOverBy, e.ReceivedBy, e.Notes, e.BeritaAcaraNumber, e.Actor, e.At),
    });

    /// <summary>Back to step 3 as a new round; the failed round stays as it was.</summary>
    private WorkOrder Rework(DateTimeOffset at) => this with
    {
        Status = WorkOrderStatus.AwaitingStart,
        Rounds = Rounds.Add(new Round(Rounds.Count + 1, at, null, [], null, null, null, null)),
        UpdatedAt = at,
    };

    private WorkOrder WithCurrent(Func<Round, Round> change) => this with { Rounds = Rounds.SetItem(Rounds.Count - 1, change(Current)) };

    private static WorkOrder Recompute(WorkOrder w) => w with
    {
        MemberNips = w.Members.Select(m => m.Nip).ToArray(),
        NextDue = w.Status switch
        {
            WorkOrderStatus.AwaitingStart => w.Schedule.ExecutionStart,
            WorkOrderStatus.InExecution => w.Schedule.ExecutionDue,
            WorkOrderStatus.InternalCheck => w.Schedule.InternalCheckDue,
            WorkOrderStatus.OwnerCheck => w.Schedule.OwnerCheckDue,
            WorkOrderStatus.Handover => w.Schedule.HandoverDue,
            _ => null,
        },
    };

    public bool IsMember(string? nip) => nip is not null && Members.Any(m => m.Nip == nip);

    public bool IsAppSecurity(string? nip) => nip is not null && Members.Any(m => m.Nip == nip && m.Role == Roles.AppSecurity);

    public bool IsExecutor(string? nip) => nip is not null && Members.Any(m => m.Nip == nip && Roles.Executors.Contains(m.Role));
}
