using Wolverine.Attributes;

namespace Spbe.Contracts;

// The integration messages between services. Each has a stable, versioned wire identity so a
// rename of the C# type never breaks a consumer; a breaking change gets a new Version.
// Messages that issue an official document carry it in Documents (added compatibly: optional, null on older
// messages), with the SHA-256 of its PDF, so Reporting's hash-chained audit log vouches for it.
// The request number they carry is the register number, given at registration: the messages of
// step 1 before it (submitted, returned, withdrawn before registration) carry null and the tracking code.

// ---- Intake (step 1) ----

/// <summary>An OPD submitted (or, after a return, resubmitted) a request: step 1's clock starts or resumes.</summary>
/// <remarks>
/// Version 2: a submission has no register number yet (Staf IT gives it at registration), so
/// <paramref name="RequestNumber"/> is null and <paramref name="TrackingCode"/> names the request. Version 1
/// messages (in stored audit logs) carry the number that was then given at submission, and no code.
/// </remarks>
[MessageIdentity("spbe.request-submitted", Version = 2)]
public sealed record RequestSubmitted(
    Guid RequestId, string? RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    string Title, string Category, string ApplicationName, int Round, string? TrackingCode = null) : IIntegrationEvent;

/// <summary>Staf IT found the request incomplete and returned it to the OPD: step 1's clock pauses.</summary>
/// <remarks>Version 2: before registration, so <paramref name="RequestNumber"/> is null and <paramref name="TrackingCode"/> names the request.</remarks>
[MessageIdentity("spbe.request-returned", Version = 2)]
public sealed record RequestReturned(
    Guid RequestId, string? RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    IReadOnlyList<string> Missing, string Note, int Round, string? TrackingCode = null) : IIntegrationEvent;

/// <summary>Staf IT registered a complete request: step 1 closes, step 2 (analysis) opens.</summary>
/// <remarks>
/// <paramref name="RequestNumber"/> is the gap-free register number, taken by this registration; it names
/// the request in every message after this one. <paramref name="TrackingCode"/> (added compatibly) is the
/// code the requester had until now.
/// </remarks>
[MessageIdentity("spbe.request-registered", Version = 1)]
public sealed record RequestRegistered(
    Guid RequestId, string RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    string Title, string Category, string ApplicationName, string Description,
    DateOnly? DesiredDate, DateTimeOffset SubmittedAt, string? TrackingCode = null, IReadOnlyList<IssuedDocument>? Documents = null) : IIntegrationEvent;

/// <summary>
/// The request is withdrawn (allowed until a team is assigned). Published by the owner of the decision: Intake for
/// a request not yet registered, Assignment (answering <see cref="WithdrawalRequested"/>) for a registered one.
/// </summary>
/// <remarks>
/// Version 2: <paramref name="RequestNumber"/> is null when the request was withdrawn before registration (it then used no number).
/// <paramref name="Actor"/> is the OPD user who asked; <paramref name="OccurredAt"/> when the withdrawal took effect.
/// </remarks>
[MessageIdentity("spbe.request-withdrawn", Version = 2)]
public sealed record RequestWithdrawn(
    Guid RequestId, string? RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    string Reason, string? TrackingCode = null) : IIntegrationEvent;

/// <summary>
/// The OPD asked to withdraw a registered request. Assignment, which owns the request's fate from registration until a
/// team is assigned, decides: <see cref="RequestWithdrawn"/> or <see cref="WithdrawalRefused"/>.
/// </summary>
/// <param name="Registration">The registration the request had, so that the owner can decide even when this request
/// overtakes <see cref="RequestRegistered"/> on its way (the queue does not keep order).</param>
[MessageIdentity("spbe.withdrawal-requested", Version = 1)]
public sealed record WithdrawalRequested(
    Guid RequestId, string RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    string Reason, RequestRegistered Registration) : IIntegrationEvent;

// ---- Assignment (step 2) ----

/// <summary>
/// Assignment refused a withdrawal request by its own state (a team was assigned first, or the request was rejected):
/// the request goes on as it was. <paramref name="Actor"/> is the OPD user who asked.
/// </summary>
/// <param name="RequestedAt">When the refused request was made (its <see cref="WithdrawalRequested.OccurredAt"/>).</param>
[MessageIdentity("spbe.withdrawal-refused", Version = 1)]
public sealed record WithdrawalRefused(
    Guid RequestId, string RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    string Reason, DateTimeOffset RequestedAt) : IIntegrationEvent;

/// <summary>
/// The Kasi wants to reissue the Surat Tugas (a new team or schedule) of a request whose team is assigned. Delivery,
/// which owns the work, decides: <see cref="TeamChangeAccepted"/> while the work has not started (it then holds the start
/// until the new letter arrives), <see cref="TeamChangeRefused"/> once it has. The letter number is taken only when accepted.
/// Carries what a <see cref="TeamAssigned"/> does but the letter, so Delivery can decide even before the first letter reached it.
/// </summary>
[MessageIdentity("spbe.team-change-requested", Version = 1)]
public sealed record TeamChangeRequested(
    Guid RequestId, string RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    string LeadNip, IReadOnlyList<TeamMember> Members, Schedule Schedule, string AnalysisSummary, string Title, int Revision) : IIntegrationEvent
{
    int IIntegrationEvent.Round => Revision;
}

/// <summary>The Kasi rejected the request at analysis (not feasible, not the office's remit).</summary>
[MessageIdentity("spbe.request-rejected", Version = 1)]
public sealed record RequestRejected(
    Guid RequestId, string RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    string Reason) : IIntegrationEvent;

/// <summary>
/// The Kasi issued a Surat Tugas: team, lead and schedule. Sent again with a higher
/// <paramref name="Revision"/> when the team is changed before work starts, once Delivery accepted the change
/// (<see cref="TeamChangeAccepted"/>).
/// </summary>
[MessageIdentity("spbe.team-assigned", Version = 1)]
public sealed record TeamAssigned(
    Guid RequestId, string RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    string LetterNumber, string LeadNip, IReadOnlyList<TeamMember> Members, Schedule Schedule,
    string AnalysisSummary, string Title, int Revision, IReadOnlyList<IssuedDocument>? Documents = null) : IIntegrationEvent
{
    int IIntegrationEvent.Round => Revision;
}

// ---- Delivery (steps 3 to 6) ----

/// <summary>A team member started the work (step 3) of a round.</summary>
/// <param name="TeamRevision">The Surat Tugas revision the work started under (added compatibly: null on older messages).</param>
[MessageIdentity("spbe.work-started", Version = 1)]
public sealed record WorkStarted(
    Guid RequestId, string RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    int Round, int? TeamRevision = null) : IIntegrationEvent;

/// <summary>Delivery accepted a reissue of the Surat Tugas: the work had not started, and now waits for the new letter.</summary>
[MessageIdentity("spbe.team-change-accepted", Version = 1)]
public sealed record TeamChangeAccepted(
    Guid RequestId, string RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    int Revision) : IIntegrationEvent
{
    int IIntegrationEvent.Round => Revision;
}

/// <summary>Delivery refused a reissue of the Surat Tugas: the work had already started under the team it has.</summary>
[MessageIdentity("spbe.team-change-refused", Version = 1)]
public sealed record TeamChangeRefused(
    Guid RequestId, string RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    int Revision, string Reason) : IIntegrationEvent
{
    int IIntegrationEvent.Round => Revision;
}

/// <summary>The team submitted its Laporan hasil pelaksanaan: step 3 closes, step 4 opens.</summary>
[MessageIdentity("spbe.execution-reported", Version = 1)]
public sealed record ExecutionReported(
    Guid RequestId, string RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    int Round, string Summary, IReadOnlyList<IssuedDocument>? Documents = null) : IIntegrationEvent;

/// <summary>Application Security recorded the internal check (step 4) with its Berita Acara.</summary>
/// <param name="Passed">False sends the work back to step 3 as a new round.</param>
[MessageIdentity("spbe.internal-check-completed", Version = 1)]
public sealed record InternalCheckCompleted(
    Guid RequestId, string RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    int Round, bool Passed, IReadOnlyList<Finding> Findings, string BeritaAcaraNumber, IReadOnlyList<IssuedDocument>? Documents = null) : IIntegrationEvent;

/// <summary>The OPD recorded its check (step 5) with its Berita Acara.</summary>
/// <param name="Accepted">False (revision requested) sends the work back to step 3 as a new round.</param>
[MessageIdentity("spbe.owner-check-completed", Version = 1)]
public sealed record OwnerCheckCompleted(
    Guid RequestId, string RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    int Round, bool Accepted, IReadOnlyList<Finding> Findings, string BeritaAcaraNumber, IReadOnlyList<IssuedDocument>? Documents = null) : IIntegrationEvent;

/// <summary>The Kasi and the OPD signed the Berita Acara Serah Terima (step 6): the request is completed.</summary>
[MessageIdentity("spbe.request-handed-over", Version = 1)]
public sealed record RequestHandedOver(
    Guid RequestId, string RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    Person HandedOverBy, Person ReceivedBy, string BeritaAcaraNumber, IReadOnlyList<IssuedDocument>? Documents = null) : IIntegrationEvent;
