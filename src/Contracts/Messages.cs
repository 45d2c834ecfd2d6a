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

/// <summary>The OPD withdrew its request (allowed until a team is assigned).</summary>
/// <remarks>Version 2: <paramref name="RequestNumber"/> is null when the request was withdrawn before registration (it then used no number).</remarks>
[MessageIdentity("spbe.request-withdrawn", Version = 2)]
public sealed record RequestWithdrawn(
    Guid RequestId, string? RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    string Reason, string? TrackingCode = null) : IIntegrationEvent;

// ---- Assignment (step 2) ----

/// <summary>The Kasi rejected the request at analysis (not feasible, not the office's remit).</summary>
[MessageIdentity("spbe.request-rejected", Version = 1)]
public sealed record RequestRejected(
    Guid RequestId, string RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    string Reason) : IIntegrationEvent;

/// <summary>
/// The Kasi issued a Surat Tugas: team, lead and schedule. Sent again with a higher
/// <paramref name="Revision"/> when the team is changed before work starts.
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
[MessageIdentity("spbe.work-started", Version = 1)]
public sealed record WorkStarted(
    Guid RequestId, string RequestNumber, string OpdCode, DateTimeOffset OccurredAt, Actor Actor,
    int Round) : IIntegrationEvent;

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
