namespace Spbe.Contracts;

/// <summary>
/// Who listens to what, written once. The PostgreSQL transport has queues, not topics, so a
/// publisher sends each message to the queue of every service that consumes it.
/// </summary>
public static class Topology
{
    public const string Intake = "intake";
    public const string Assignment = "assignment";
    public const string Delivery = "delivery";
    public const string Reporting = "reporting";

    public static readonly IReadOnlyList<string> Services = [Intake, Assignment, Delivery, Reporting];

    /// <summary>
    /// Message type → the services (queues) that consume it. <see cref="RequestWithdrawn"/> comes from Intake (before
    /// registration) or Assignment (after, deciding a <see cref="WithdrawalRequested"/>); Intake's own copy finds the request
    /// already withdrawn and changes nothing.
    /// </summary>
    public static readonly IReadOnlyDictionary<Type, string[]> Subscribers = new Dictionary<Type, string[]>
    {
        [typeof(RequestSubmitted)] = [Reporting],
        [typeof(RequestReturned)] = [Reporting],
        [typeof(RequestRegistered)] = [Assignment, Reporting],
        [typeof(RequestWithdrawn)] = [Intake, Reporting],
        [typeof(WithdrawalRequested)] = [Assignment, Reporting],
        [typeof(WithdrawalRefused)] = [Intake, Reporting],
        [typeof(TeamChangeRequested)] = [Delivery, Reporting],
        [typeof(TeamChangeAccepted)] = [Assignment, Reporting],
        [typeof(TeamChangeRefused)] = [Assignment, Reporting],
        [typeof(RequestRejected)] = [Intake, Reporting],
        [typeof(TeamAssigned)] = [Intake, Delivery, Reporting],
        [typeof(WorkStarted)] = [Intake, Assignment, Reporting],
        [typeof(ExecutionReported)] = [Intake, Reporting],
        [typeof(InternalCheckCompleted)] = [Intake, Reporting],
        [typeof(OwnerCheckCompleted)] = [Intake, Reporting],
        [typeof(RequestHandedOver)] = [Intake, Reporting],
    };
}
