using Marten;
using Spbe.Contracts;

namespace Spbe.Intake.FollowingStatus;

/// <summary>
/// Keeps the OPD-facing status current from the other services' integration messages, so that
/// <c>GET /requests/{id}</c> tells the requester where its request is.
/// </summary>
public static class FollowStatus
{
    /// <summary>
    /// Pure: the status change a message causes, or none for a redelivered message (same key),
    /// a message older than the request's last change (arrived out of order), or a closed request.
    /// </summary>
    public static IReadOnlyList<object> Decide(ServiceRequest? request, IIntegrationEvent message, RequestStatus status, string? note = null)
    {
        if (request is null) return [];
        var key = message.Key;
        if (request.FollowedMessages.Contains(key)) return [];
        // Only the others' messages order each other: a message older than the last one followed arrived late.
        // (Intake's own acts, such as a pending withdrawal, do not make the others' news old.)
        if (request.IsClosed || message.OccurredAt < Since(request)) return [];
        return [new StatusFollowed(request.Id, status, message.GetType().Name, key, note, message.Actor, message.OccurredAt)];
    }

    /// <summary>The others' news counts from the last followed message on, else from registration (requests stored before these were kept: their last change).</summary>
    private static DateTimeOffset Since(ServiceRequest r) => r.FollowedAt ?? r.RegisteredAt ?? (r.Status == RequestStatus.Registered ? r.SubmittedAt : r.UpdatedAt);

    public static async Task FollowAsync(IDocumentSession session, IIntegrationEvent message, RequestStatus status, string? note = null)
    {
        var stream = await session.Events.FetchForWriting<ServiceRequest>(message.RequestId);
        stream.AppendMany(Decide(stream.Aggregate, message, status, note));
    }
}

/// <summary>Assignment's answer to a withdrawal Intake asked of it (after registration).</summary>
public static class WithdrawalAnswerHandler
{
    /// <summary>Pure: Assignment accepted the withdrawal: the request is withdrawn (once; a redelivery finds it so).</summary>
    public static IReadOnlyList<object> Decide(ServiceRequest? request, RequestWithdrawn m) =>
        request is { IsClosed: false } ? [new Withdrawn(request.Id, m.Reason, m.Actor, m.OccurredAt)] : [];

    /// <summary>Pure: Assignment refused the pending withdrawal asked at that time: the request goes on where the others took it.</summary>
    public static IReadOnlyList<object> Decide(ServiceRequest? request, WithdrawalRefused m) =>
        request is { Status: RequestStatus.WithdrawalRequested } && request.WithdrawalRequestedAt == m.RequestedAt
            ? [new WithdrawalRefusalNoted(request.Id, m.Reason, m.RequestedAt, m.Actor, m.OccurredAt)]
            : [];

    public static async Task Handle(RequestWithdrawn m, IDocumentSession session)
    {
        var stream = await session.Events.FetchForWriting<ServiceRequest>(m.RequestId);
        stream.AppendMany(Decide(stream.Aggregate, m));
    }

    public static async Task Handle(WithdrawalRefused m, IDocumentSession session)
    {
        var stream = await session.Events.FetchForWriting<ServiceRequest>(m.RequestId);
        stream.AppendMany(Decide(stream.Aggregate, m));
    }
}

/// <summary>The integration messages Intake listens to, each mapped to the overall status it means.</summary>
public static class StatusHandler
{
    public static Task Handle(RequestRejected m, IDocumentSession session) =>
        FollowStatus.FollowAsync(session, m, RequestStatus.Rejected, m.Reason);

    public static Task Handle(TeamAssigned m, IDocumentSession session) =>
        FollowStatus.FollowAsync(session, m, RequestStatus.TeamAssigned);

    public static Task Handle(WorkStarted m, IDocumentSession session) =>
        FollowStatus.FollowAsync(session, m, RequestStatus.InProgress);

    public static Task Handle(ExecutionReported m, IDocumentSession session) =>
        FollowStatus.FollowAsync(session, m, RequestStatus.InternalCheck);

    // A failed check sends the work back to step 3 (rework).
    public static Task Handle(InternalCheckCompleted m, IDocumentSession session) =>
        FollowStatus.FollowAsync(session, m, m.Passed ? RequestStatus.OwnerCheck : RequestStatus.InProgress);

    public static Task Handle(OwnerCheckCompleted m, IDocumentSession session) =>
        FollowStatus.FollowAsync(session, m, m.Accepted ? RequestStatus.Handover : RequestStatus.InProgress);

    public static Task Handle(RequestHandedOver m, IDocumentSession session) =>
        FollowStatus.FollowAsync(session, m, RequestStatus.Completed);
}
