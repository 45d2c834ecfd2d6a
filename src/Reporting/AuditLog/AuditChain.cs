using System.Buffers;
using System.Globalization;
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

    public static string ContentHash(AuditEntry e) => Hasher.Value!.ContentHash(e);

    public static string Link(string prevHash, string contentHash) => Hasher.Value!.Link(prevHash, contentHash);

    /// <summary>Completes an entry's hashes after <paramref name="prevHash"/>.</summary>
    public static AuditEntry Seal(AuditEntry e, string prevHash)
    {
        var content = ContentHash(e);
        return e with { PrevHash = prevHash, ContentHash = content, Hash = Link(prevHash, content) };
    }

    /// <summary>Why this entry does not fit after <paramref name="previousHash"/>, or null when it does.</summary>
    public static string? Check(AuditEntry e, string previousHash) =>
        e.PrevHash != previousHash ? BrokenLink : CheckOwn(e, Hasher.Value!);

    public const string BrokenLink = "its link to the previous entry does not match (an entry before it was changed or removed)";

    /// <summary>
    /// The checks an entry answers alone, from its own fields and its stored prev (its link to the entry before
    /// is checked by whoever holds that entry): what lets segments of the log be checked in parallel.
    /// </summary>
    public static string? CheckOwn(AuditEntry e, ChainHasher hasher)
    {
        if (!hasher.ContentHashEquals(e, e.ContentHash)) return "its content does not match its hash (it was changed)";
        if (!hasher.LinkEquals(e.PrevHash, e.ContentHash, e.Hash)) return "its hash does not cover its content and link";
        return null;
    }

    // One per thread: the hasher reuses its buffers.
    private static readonly ThreadLocal<ChainHasher> Hasher = new(() => new ChainHasher());
}

/// <summary>
/// The chain's hashing with reused buffers and no intermediate strings (verify hashes every entry of the log).
/// The canonical content is a JSON array of the fields written by <see cref="Utf8JsonWriter"/> with its default
/// options: byte for byte what <c>JsonSerializer.Serialize(object?[])</c> wrote when the chain was designed
/// (default encoder, no indentation), so entries sealed before read back equal.
/// </summary>
public sealed class ChainHasher
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;
    private byte[] _link = new byte[256];
    // Reused: a one-shot SHA256.HashData sets a digest context up per call, a third of the cost of a short input.
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public ChainHasher() => _json = new Utf8JsonWriter(_buffer);

    public string ContentHash(AuditEntry e)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Content(e, hash);
        return Convert.ToHexStringLower(hash);
    }

    public bool ContentHashEquals(AuditEntry e, string expected)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Content(e, hash);
        return HexEquals(hash, expected);
    }

    public string Link(string prevHash, string contentHash)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Link(prevHash, contentHash, hash);
        return Convert.ToHexStringLower(hash);
    }

    public bool LinkEquals(string prevHash, string contentHash, string expected)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Link(prevHash, contentHash, hash);
        return HexEquals(hash, expected);
    }

    private void Content(AuditEntry e, Span<byte> hash)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartArray();
        _json.WriteStringValue(e.MessageKey);
        _json.WriteStringValue(e.Type);
        Span<char> text = stackalloc char[64];
        e.RequestId.TryFormat(text, out var n, "D");
        _json.WriteStringValue(text[..n]);
        Text(e.RequestNumber);
        _json.WriteStringValue(e.Opd);
        _json.WriteStringValue(e.ActorId);
        _json.WriteStringValue(e.ActorName);
        _json.WriteStringValue(e.ActorRole);
        Text(e.ActorNip);
        AuditChain.ToStoredPrecision(e.OccurredAt).UtcDateTime.TryFormat(text, out n, "O", CultureInfo.InvariantCulture);
        _json.WriteStringValue(text[..n]);
        AuditChain.ToStoredPrecision(e.RecordedAt).UtcDateTime.TryFormat(text, out n, "O", CultureInfo.InvariantCulture);
        _json.WriteStringValue(text[..n]);
        _json.WriteStringValue(e.Payload);
        _json.WriteEndArray();
        _json.Flush();
        Sha256(_buffer.WrittenSpan, hash);
    }

    private void Text(string? value)
    {
        if (value is null) _json.WriteNullValue();
        else _json.WriteStringValue(value);
    }

    private void Link(string prevHash, string contentHash, Span<byte> hash)
    {
        // SHA-256 of the two hex texts one after the other, as stored (a tampered one may be any text).
        var length = Encoding.UTF8.GetByteCount(prevHash) + Encoding.UTF8.GetByteCount(contentHash);
        if (_link.Length < length) _link = new byte[length];
        var written = Encoding.UTF8.GetBytes(prevHash, _link);
        written += Encoding.UTF8.GetBytes(contentHash, _link.AsSpan(written));
        Sha256(_link.AsSpan(0, written), hash);
    }

    private void Sha256(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        _sha.AppendData(data);
        _sha.GetHashAndReset(hash);
    }

    private static bool HexEquals(ReadOnlySpan<byte> hash, string expected)
    {
        Span<char> hex = stackalloc char[SHA256.HashSizeInBytes * 2];
        Convert.TryToHexStringLower(hash, hex, out _);
        return expected.AsSpan().SequenceEqual(hex);
    }
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
