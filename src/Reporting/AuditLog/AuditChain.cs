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
    public static string? CheckOwn(AuditEntry e, ChainHasher hasher) => CheckOwn(hasher.RowOf(e), hasher);

    /// <inheritdoc cref="CheckOwn(AuditEntry, ChainHasher)"/>
    public static string? CheckOwn(AuditRow row, ChainHasher hasher)
    {
        if (!hasher.ContentHashEquals(row)) return "its content does not match its hash (it was changed)";
        if (!hasher.LinkEquals(row)) return "its hash does not cover its content and link";
        return null;
    }

    // One per thread: the hasher reuses its buffers.
    private static readonly ThreadLocal<ChainHasher> Hasher = new(() => new ChainHasher());
}

/// <summary>
/// The chain's hashing with reused buffers and no intermediate strings (verify hashes every entry of the log).
/// The canonical content is a JSON array of the fields written by <see cref="Utf8JsonWriter"/> with its default
/// options: byte for byte what <c>JsonSerializer.Serialize(object?[])</c> wrote when the chain was designed
/// (default encoder, no indentation), so entries sealed before read back equal. It is written from UTF-8 only
/// (<see cref="AuditRow"/>), for sealing and verifying alike: one definition of the content.
/// </summary>
public sealed class ChainHasher
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly AuditRow _row = new();
    private byte[] _escaped = new byte[4096];
    private byte[] _link = new byte[256];
    // Reused: a one-shot SHA256.HashData sets a digest context up per call, a third of the cost of a short input.
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public ChainHasher() => _json = new Utf8JsonWriter(_buffer);

    /// <summary>This hasher's row filled from <paramref name="e"/>: valid until it is asked again.</summary>
    public AuditRow RowOf(AuditEntry e) => _row.From(e);

    public string ContentHash(AuditEntry e) => ContentHash(RowOf(e));

    public string ContentHash(AuditRow row)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Content(row, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Whether the row's content hashes to its stored content hash.</summary>
    public bool ContentHashEquals(AuditRow row)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Content(row, hash);
        return HexEquals(hash, row.Text(AuditText.ContentHash));
    }

    public string Link(string prevHash, string contentHash)
    {
        var length = Encoding.UTF8.GetByteCount(prevHash) + Encoding.UTF8.GetByteCount(contentHash);
        if (_link.Length < length) _link = new byte[length];
        var written = Encoding.UTF8.GetBytes(prevHash, _link);
        written += Encoding.UTF8.GetBytes(contentHash, _link.AsSpan(written));
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Link(_link.AsSpan(0, written), default, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Whether the row's stored hash is the link of its stored prev and content hashes.</summary>
    public bool LinkEquals(AuditRow row)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Link(row.Text(AuditText.PrevHash), row.Text(AuditText.ContentHash), hash);
        return HexEquals(hash, row.Text(AuditText.Hash));
    }

    private void Content(AuditRow row, Span<byte> hash)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartArray();
        Text(row, AuditText.MessageKey);
        Text(row, AuditText.Type);
        Span<byte> text = stackalloc byte[64];
        row.RequestId.TryFormat(text, out var n, "D");
        _json.WriteStringValue(text[..n]);
        Text(row, AuditText.RequestNumber);
        Text(row, AuditText.Opd);
        Text(row, AuditText.ActorId);
        Text(row, AuditText.ActorName);
        Text(row, AuditText.ActorRole);
        Text(row, AuditText.ActorNip);
        AuditChain.ToStoredPrecision(row.OccurredAt).UtcDateTime.TryFormat(text, out n, "O", CultureInfo.InvariantCulture);
        _json.WriteStringValue(text[..n]);
        AuditChain.ToStoredPrecision(row.RecordedAt).UtcDateTime.TryFormat(text, out n, "O", CultureInfo.InvariantCulture);
        _json.WriteStringValue(text[..n]);
        Text(row, AuditText.Payload);
        _json.WriteEndArray();
        _json.Flush();
        Sha256(_buffer.WrittenSpan, default, hash);
    }

    private void Text(AuditRow row, AuditText field)
    {
        if (row.IsNull(field)) _json.WriteNullValue();
        else JsonString(row.Text(field));
    }

    /// <summary>
    /// A JSON string as <see cref="Utf8JsonWriter.WriteStringValue(ReadOnlySpan{byte})"/> writes it. ASCII text is escaped
    /// here from the writer's own escapes of each ASCII character (an ASCII character is escaped alone, whatever is next
    /// to it), at a fraction of the writer's cost on payloads, whose every quote it escapes; any other text is written by
    /// the writer itself, whose escaping of non-ASCII and invalid UTF-8 stays the canonical one.
    /// </summary>
    private void JsonString(ReadOnlySpan<byte> utf8)
    {
        if (!Ascii.IsValid(utf8))
        {
            _json.WriteStringValue(utf8);
            return;
        }
        var room = utf8.Length * MaxAsciiEscape + 2;
        if (_escaped.Length < room) _escaped = new byte[Math.Max(room, _escaped.Length * 2)];
        var output = _escaped.AsSpan();
        output[0] = (byte)'"';
        var written = 1;
        while (!utf8.IsEmpty)
        {
            var next = utf8.IndexOfAny(AsciiToEscape);
            var run = next < 0 ? utf8.Length : next;
            utf8[..run].CopyTo(output[written..]);
            written += run;
            if (next < 0) break;
            var escape = AsciiEscapes[utf8[next]]!;
            escape.CopyTo(output[written..]);
            written += escape.Length;
            utf8 = utf8[(next + 1)..];
        }
        output[written++] = (byte)'"';
        _json.WriteRawValue(output[..written], skipInputValidation: true);
    }

    /// <summary>How the writer, with the options the content is written with, escapes each ASCII character; null where it writes it as is.</summary>
    private static readonly byte[]?[] AsciiEscapes = Enumerable.Range(0, 128).Select(c =>
    {
        var buffer = new ArrayBufferWriter<byte>(16);
        using (var json = new Utf8JsonWriter(buffer)) json.WriteStringValue([(byte)c]);
        var inside = buffer.WrittenSpan[1..^1];
        return inside.Length == 1 && inside[0] == c ? null : inside.ToArray();
    }).ToArray();

    private static readonly SearchValues<byte> AsciiToEscape =
        SearchValues.Create(Enumerable.Range(0, 128).Where(c => AsciiEscapes[c] is not null).Select(c => (byte)c).ToArray());

    private static readonly int MaxAsciiEscape = AsciiEscapes.Max(e => e?.Length ?? 1);

    /// <summary>SHA-256 of the two hex texts one after the other, as stored (a tampered one may be any text).</summary>
    private void Link(ReadOnlySpan<byte> prevHash, ReadOnlySpan<byte> contentHash, Span<byte> hash) => Sha256(prevHash, contentHash, hash);

    private void Sha256(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> hash)
    {
        _sha.AppendData(first);
        _sha.AppendData(second);
        _sha.GetHashAndReset(hash);
    }

    private static bool HexEquals(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> expectedUtf8)
    {
        Span<byte> hex = stackalloc byte[SHA256.HashSizeInBytes * 2];
        Convert.TryToHexStringLower(hash, hex, out _);
        return expectedUtf8.SequenceEqual(hex);
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
