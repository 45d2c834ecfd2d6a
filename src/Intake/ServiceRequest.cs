using System.Collections.Immutable;
using Spbe.Contracts;
using Spbe.Sop;

namespace Spbe.Intake;

// ---- The request's own vocabulary ----

public enum Category { NewApplication, Change, Fix, Integration, Hosting, Other }

/// <summary>The overall status an OPD sees, across all steps.</summary>
public enum RequestStatus
{
    Submitted, Returned, Registered, Rejected, WithdrawalRequested, Withdrawn,
    TeamAssigned, InProgress, InternalCheck, OwnerCheck, Handover, Completed,
}

public enum AttachmentKind { RequestMemo, ChangeMemo, TermsOfReference, Other }

public sealed record Signatory(string Name, string Nip);

/// <summary>Nota permintaan layanan: the request memo's number, date and signatory.</summary>
public sealed record RequestMemo(string Number, DateOnly Date, Signatory SignedBy);

public sealed record Contact(string Name, string Phone, string Email);

/// <summary>What the OPD writes in a request (the body of submit and amend).</summary>
public sealed record RequestDetails(
    string Title, Category Category, string ApplicationName, string Description,
    DateOnly? DesiredDate, RequestMemo RequestMemo, Contact Contact);

public sealed record Attachment(
    Guid AttachmentId, AttachmentKind Kind, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset At);

// ---- Events of a service request stream ----

/// <summary>
/// An OPD submitted a request. Since the register number is given at registration, <paramref name="Number"/> is
/// null and <paramref name="TrackingCode"/> set; events written before then carry the number and no code.
/// </summary>
public sealed record Submitted(Guid RequestId, string? Number, string Opd, RequestDetails Details, Actor Actor, DateTimeOffset At,
    string? TrackingCode = null) : IDomainEvent;
public sealed record AttachmentAdded(Guid RequestId, Attachment Attachment, Actor Actor, DateTimeOffset At) : IDomainEvent;
public sealed record Returned(Guid RequestId, IReadOnlyList<string> Missing, string Note, int Round, Actor Actor, DateTimeOffset At) : IDomainEvent;
public sealed record Amended(Guid RequestId, RequestDetails Details, Actor Actor, DateTimeOffset At) : IDomainEvent;
public sealed record Resubmitted(Guid RequestId, int Round, Actor Actor, DateTimeOffset At) : IDomainEvent;
/// <summary>
/// Staf IT registered the request and gave it its gap-free register <paramref name="Number"/>; null on events
/// written when the number was still given at submission (the request then has it from <see cref="Submitted"/>).
/// </summary>
public sealed record Registered(Guid RequestId, Actor Actor, DateTimeOffset At, string? Number = null) : IDomainEvent;
/// <summary>The request is withdrawn: decided here before registration, by Assignment after it (learnt from its <c>RequestWithdrawn</c>).</summary>
public sealed record Withdrawn(Guid RequestId, string Reason, Actor Actor, DateTimeOffset At) : IDomainEvent;
/// <summary>The OPD asked to withdraw a registered request; Assignment decides. The request shows <c>withdrawal-requested</c> until then.</summary>
public sealed record WithdrawalAsked(Guid RequestId, string Reason, Actor Actor, DateTimeOffset At) : IDomainEvent;
/// <summary>Assignment refused the withdrawal asked at <paramref name="RequestedAt"/>: the request goes on where it is.</summary>
public sealed record WithdrawalRefusalNoted(Guid RequestId, string Reason, DateTimeOffset RequestedAt, Actor Actor, DateTimeOffset At) : IDomainEvent;

/// <summary>
/// Another service moved the request on (a team assigned, work started, …), learnt from its
/// integration message. <paramref name="MessageKey"/> identifies that message so a redelivery is recognised.
/// </summary>
public sealed record StatusFollowed(Guid RequestId, RequestStatus Status, string Source, string MessageKey, string? Note, Actor Actor, DateTimeOffset At) : IDomainEvent;

/// <summary>
/// The write model of one request, and (stored inline as a snapshot) the read model its lists query.
/// Holds only what decisions and the requester's view need.
/// </summary>
/// <remarks>
/// <see cref="Number"/> is the register number, null until Staf IT registers the request; <see cref="TrackingCode"/>
/// is what the requester has from submission on (null only for requests submitted before tracking codes).
/// </remarks>
public sealed record ServiceRequest(
    Guid Id,
    string? Number,
    string Opd,
    RequestDetails Details,
    RequestStatus Status,
    int Round,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    ImmutableList<Attachment> Attachments,
    ImmutableList<string> Missing,
    string? ReturnNote,
    string? ClosingReason,
    ImmutableHashSet<string> FollowedMessages,
    long Version) : IRequestResource
{
    // Lowercased copy of the searchable texts so that the list's "q" runs as one indexed-able ILIKE.
    public string SearchText { get; init; } = "";

    public string? TrackingCode { get; init; }

    /// <summary>Who registered the request and when (they sign and date its tanda terima); null before registration and on requests stored before.</summary>
    public Actor? RegisteredBy { get; init; }
    public DateTimeOffset? RegisteredAt { get; init; }

    /// <summary>When the pending withdrawal was asked (null when none is pending), and the status the request returns to if it is refused.</summary>
    public DateTimeOffset? WithdrawalRequestedAt { get; init; }
    public RequestStatus? StatusUnlessWithdrawn { get; init; }

    /// <summary>When the latest followed message of another service happened: an older one arriving late changes nothing.</summary>
    public DateTimeOffset? FollowedAt { get; init; }

    public static ServiceRequest Create(Submitted e) => new(
        // In UTC: SubmittedAt is also an indexed timestamptz column (IntakeConfiguration), which takes UTC only.
        e.RequestId, e.Number, e.Opd, e.Details, RequestStatus.Submitted, 1, e.At.ToUniversalTime(), e.At,
        [], [], null, null, [], 1) { TrackingCode = e.TrackingCode, SearchText = Search(e.Number, e.TrackingCode, e.Details) };

    public ServiceRequest Apply(AttachmentAdded e) => this with { Attachments = Attachments.Add(e.Attachment), UpdatedAt = e.At };
    public ServiceRequest Apply(Returned e) => this with { Status = RequestStatus.Returned, Missing = [.. e.Missing], ReturnNote = e.Note, UpdatedAt = e.At };
    public ServiceRequest Apply(Amended e) => this with { Details = e.Details, UpdatedAt = e.At, SearchText = Search(Number, TrackingCode, e.Details) };
    public ServiceRequest Apply(Resubmitted e) => this with { Status = RequestStatus.Submitted, Round = e.Round, Missing = [], UpdatedAt = e.At };
    public ServiceRequest Apply(Registered e)
    {
        var number = e.Number ?? Number;
        return this with
        {
            Status = RequestStatus.Registered, Number = number, UpdatedAt = e.At, SearchText = Search(number, TrackingCode, Details),
            RegisteredBy = e.Actor, RegisteredAt = e.At,
        };
    }
    public ServiceRequest Apply(Withdrawn e) => this with
    {
        Status = RequestStatus.Withdrawn, ClosingReason = e.Reason, UpdatedAt = e.At, WithdrawalRequestedAt = null, StatusUnlessWithdrawn = null,
    };
    public ServiceRequest Apply(WithdrawalAsked e) => this with
    {
        Status = RequestStatus.WithdrawalRequested, StatusUnlessWithdrawn = Status, WithdrawalRequestedAt = e.At, UpdatedAt = e.At,
    };
    public ServiceRequest Apply(WithdrawalRefusalNoted e) => Status == RequestStatus.WithdrawalRequested
        ? this with { Status = StatusUnlessWithdrawn ?? RequestStatus.Registered, StatusUnlessWithdrawn = null, WithdrawalRequestedAt = null, UpdatedAt = e.At }
        : this;
    public ServiceRequest Apply(StatusFollowed e)
    {
        var followed = this with
        {
            FollowedMessages = FollowedMessages.Add(e.MessageKey),
            FollowedAt = e.At,
            ClosingReason = e.Status == RequestStatus.Rejected ? e.Note : ClosingReason,
            UpdatedAt = e.At,
        };
        // While a withdrawal is pending the request keeps showing it; what the others did is where it goes on if refused.
        return Status == RequestStatus.WithdrawalRequested && e.Status != RequestStatus.Rejected
            ? followed with { StatusUnlessWithdrawn = e.Status }
            : followed with { Status = e.Status, WithdrawalRequestedAt = e.Status == RequestStatus.Rejected ? null : WithdrawalRequestedAt };
    }

    private static string Search(string? number, string? trackingCode, RequestDetails d) =>
        $"{number} {trackingCode} {d.Title} {d.ApplicationName}".ToLowerInvariant();

    /// <summary>Withdrawal is allowed until a team is assigned.</summary>
    public bool IsBeforeTeamAssignment => Status is RequestStatus.Submitted or RequestStatus.Returned or RequestStatus.Registered;

    /// <summary>Not yet registered: Intake alone owns the request and decides its withdrawal.</summary>
    public bool IsInStepOne => Status is RequestStatus.Submitted or RequestStatus.Returned;

    public bool IsClosed => Status is RequestStatus.Rejected or RequestStatus.Withdrawn or RequestStatus.Completed;
}
