using System.Reflection;
using Wolverine.Attributes;

namespace Spbe.Contracts;

/// <summary>
/// What every integration message carries, so that a consumer (Reporting's audit log above all)
/// can file it without knowing its type.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>The request's id, chosen by Intake; the key in every service.</summary>
    Guid RequestId { get; }
    /// <summary>
    /// The request's register number, e.g. <c>SPBE/2026/00042</c>, given when Staf IT registers it; null on
    /// what happens before (a submission, a return, a withdrawal before registration).
    /// </summary>
    string? RequestNumber { get; }
    string OpdCode { get; }
    /// <summary>When it happened (UTC).</summary>
    DateTimeOffset OccurredAt { get; }
    Actor Actor { get; }

    /// <summary>Which pass of its step this is: the round (step 1, steps 3 to 5), the Surat Tugas's revision; 0 for what happens once.</summary>
    int Round => 0;

    /// <summary>
    /// The official documents this event issued (a Surat Tugas, a Berita Acara, …), each with the SHA-256 of its
    /// PDF: so the audit log vouches for them. Null on messages that issue none, and on those sent before documents.
    /// </summary>
    IReadOnlyList<IssuedDocument>? Documents => null;

    /// <summary>
    /// The message's business identity, the same however often it is delivered:
    /// <c>{name}:{requestId}:{occurredAt ticks}:{round}</c>. Consumers de-duplicate by it (Intake's status,
    /// Reporting's audit log, whose <c>round</c> column is read from its last part).
    /// </summary>
    string Key => $"{MessageNames.Of(GetType())}:{RequestId:N}:{OccurredAt.UtcTicks}:{Round}";
}

/// <summary>The messages' stable names: their wire identity without the <c>spbe.</c> prefix (<c>team-assigned</c>).</summary>
public static class MessageNames
{
    public static string Of(Type messageType) =>
        (messageType.GetCustomAttribute<MessageIdentityAttribute>()?.Alias ?? messageType.Name).Replace("spbe.", "");
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

/// <summary>An official document as issued: what the public verification may tell of it, and its hashes.</summary>
/// <param name="Kind">The kind, e.g. <c>surat-tugas</c>, <c>berita-acara-serah-terima</c>.</param>
/// <param name="Name">Its name in its service's API: the kind with its revision or round (<c>surat-tugas-2</c>).</param>
/// <param name="Title">The kind as the office writes it ("Surat Tugas").</param>
/// <param name="Sha256">The SHA-256 of the PDF's bytes (lowercase hex).</param>
/// <param name="VerificationCode">The SHA-256 of the letter's content, which the PDF's QR code carries (a PDF cannot hold its own hash).</param>
public sealed record IssuedDocument(string Kind, string Name, string Title, string Number, DateOnly Date, string Sha256, string VerificationCode);

/// <summary>A finding of an internal or owner check.</summary>
/// <param name="Severity"><c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</param>
public sealed record Finding(string Severity, string Description);
