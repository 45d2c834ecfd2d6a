namespace Spbe.Contracts;

/// <summary>
/// What every integration message carries, so that a consumer (Reporting's audit log above all)
/// can file it without knowing its type.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>The request's id, chosen by Intake; the key in every service.</summary>
    Guid RequestId { get; }
    /// <summary>The request's number, e.g. <c>SPBE/2026/00042</c>.</summary>
    string RequestNumber { get; }
    string OpdCode { get; }
    /// <summary>When it happened (UTC).</summary>
    DateTimeOffset OccurredAt { get; }
    Actor Actor { get; }
}

/// <summary>A named civil servant, e.g. who handed over and who received.</summary>
public sealed record Person(string Nip, string Name);

/// <summary>One member of a team named in a Surat Tugas.</summary>
/// <param name="Role">One of <c>programmer</c>, <c>staf-it</c>, <c>its</c>, <c>app-security</c>.</param>
public sealed record TeamMember(string Nip, string Name, string Role);

/// <summary>The schedule set in the Surat Tugas: the due dates of steps 3 to 6 (WIB calendar dates).</summary>
public sealed record Schedule(
    DateOnly ExecutionStart,
    DateOnly ExecutionDue,
    DateOnly InternalCheckDue,
    DateOnly OwnerCheckDue,
    DateOnly HandoverDue);

/// <summary>A finding of an internal or owner check.</summary>
/// <param name="Severity"><c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</param>
public sealed record Finding(string Severity, string Description);
