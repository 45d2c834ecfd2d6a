using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Spbe.Reporting.AuditLog;

/// <summary>One entry of the audit log, as stored.</summary>
public sealed record AuditEntry(
    long Seq, string MessageKey, string Type, Guid RequestId, string? RequestNumber, string Opd,
    string ActorId, string ActorName, string ActorRole, string? ActorNip,
    DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string Payload,
    string PrevHash, string ContentHash, string Hash);

/// <summary>
/// The hash chain, pure: each entry holds the SHA-256 of its own canonical content and the hash of
/// the entry before it, and its own hash covers both. Changing, inserting or removing an entry
/// breaks the link at the next one; rewriting the whole chain changes the head, which a digest
/// kept outside the system shows.
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>PostgreSQL keeps microseconds: instants are cut to that before hashing so they read back equal.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

    public static string ContentHash(AuditEntry e)
    {
        // A JSON array of the fields: an unambiguous encoding, independent of column order.
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            e.MessageKey, e.Type, e.RequestId.ToString("D"), e.RequestNumber, e.Opd, e.ActorId, e.ActorName, e.ActorRole, e.ActorNip,
            ToStoredPrecision(e.OccurredAt).UtcDateTime.ToString("O"), ToStoredPrecision(e.RecordedAt).UtcDateTime.ToString("O"), e.Payload,
        });
        return Sha256(canonical);
    }

    public static string Link(string prevHash, string contentHash) => Sha256(prevHash + contentHash);

    /// <summary>Completes an entry's hashes after <paramref name="prevHash"/>.</summary>
    public static AuditEntry Seal(AuditEntry e, string prevHash)
    {
        var content = ContentHash(e);
        return e with { PrevHash = prevHash, ContentHash = content, Hash = Link(prevHash, content) };
    }

    /// <summary>Why this entry does not fit after <paramref name="previousHash"/>, or null when it does.</summary>
    public static string? Check(AuditEntry e, string previousHash)
    {
        if (e.PrevHash != previousHash) return "its link to the previous entry does not match (an entry before it was changed or removed)";
        if (ContentHash(e) != e.ContentHash) return "its content does not match its hash (it was changed)";
        if (Link(e.PrevHash, e.ContentHash) != e.Hash) return "its hash does not cover its content and link";
        return null;
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>A chain's head, given out to be kept outside the system: <c>{entries}:{headHash}</c>.</summary>
public sealed record Digest(long Entries, string HeadHash, DateTimeOffset At)
{
    public string Token => $"{Entries}:{HeadHash}";

    public static bool TryParse(string? token, out long entries, out string headHash)
    {
        entries = 0;
        headHash = "";
        var parts = token?.Trim().Split(':');
        if (parts is not { Length: 2 } || !long.TryParse(parts[0], out entries) || entries < 0) return false;
        headHash = parts[1].ToLowerInvariant();
        return headHash.Length == 64 && headHash.All(Uri.IsHexDigit);
    }
}
