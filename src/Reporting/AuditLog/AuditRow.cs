using System.Text;
using Npgsql;

namespace Spbe.Reporting.AuditLog;

/// <summary>The text fields of an entry, in the order the canonical content writes them, then its stored hashes.</summary>
public enum AuditText
{
    MessageKey, Type, RequestNumber, Opd, ActorId, ActorName, ActorRole, ActorNip, Payload, PrevHash, ContentHash, Hash,
}

/// <summary>
/// One entry as the chain hashes it: its text fields as UTF-8 in one reused buffer. Verify fills it straight from a
/// row's bytes, so the log is checked without making a string per field (the largest cost of verify when it did);
/// sealing fills it from an <see cref="AuditEntry"/>, so both hash through the one canonical writer.
/// </summary>
public sealed class AuditRow
{
    private static readonly int TextCount = Enum.GetValues<AuditText>().Length;
    private byte[] _bytes = new byte[16 * 1024];
    private readonly int[] _start = new int[TextCount];
    private readonly int[] _length = new int[TextCount]; // -1: null
    private int _used;

    public long Seq { get; private set; }
    public Guid RequestId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    public bool IsNull(AuditText field) => _length[(int)field] < 0;

    /// <summary>The field's UTF-8 bytes (empty when null), valid until the row is filled again.</summary>
    public ReadOnlySpan<byte> Text(AuditText field) =>
        IsNull(field) ? default : _bytes.AsSpan(_start[(int)field], _length[(int)field]);

    public string? String(AuditText field) => IsNull(field) ? null : Encoding.UTF8.GetString(Text(field));

    /// <summary>
    /// Fills the row from an entry. A string that is not valid UTF-16 (a lone surrogate) becomes U+FFFD, which the JSON
    /// writer also writes for it from a string: the content hashes as it did when strings were written directly.
    /// </summary>
    public AuditRow From(AuditEntry e)
    {
        _used = 0;
        (Seq, RequestId, OccurredAt, RecordedAt) = (e.Seq, e.RequestId, e.OccurredAt, e.RecordedAt);
        Set(AuditText.MessageKey, e.MessageKey);
        Set(AuditText.Type, e.Type);
        Set(AuditText.RequestNumber, e.RequestNumber);
        Set(AuditText.Opd, e.Opd);
        Set(AuditText.ActorId, e.ActorId);
        Set(AuditText.ActorName, e.ActorName);
        Set(AuditText.ActorRole, e.ActorRole);
        Set(AuditText.ActorNip, e.ActorNip);
        Set(AuditText.Payload, e.Payload);
        Set(AuditText.PrevHash, e.PrevHash);
        Set(AuditText.ContentHash, e.ContentHash);
        Set(AuditText.Hash, e.Hash);
        return this;
    }

    /// <summary>
    /// Fills the row from the reader's current row of <see cref="AuditFilter.Columns"/>, in column order (the verify
    /// reads sequentially). Text columns are taken as the raw bytes PostgreSQL sends, UTF-8 (Npgsql's client encoding).
    /// </summary>
    public void Read(NpgsqlDataReader r)
    {
        _used = 0;
        Seq = r.GetInt64(0);
        Read(r, 1, AuditText.MessageKey);
        Read(r, 2, AuditText.Type);
        RequestId = r.GetGuid(3);
        Read(r, 4, AuditText.RequestNumber, nullable: true);
        Read(r, 5, AuditText.Opd);
        Read(r, 6, AuditText.ActorId);
        Read(r, 7, AuditText.ActorName);
        Read(r, 8, AuditText.ActorRole);
        Read(r, 9, AuditText.ActorNip, nullable: true);
        OccurredAt = r.GetFieldValue<DateTimeOffset>(10);
        RecordedAt = r.GetFieldValue<DateTimeOffset>(11);
        Read(r, 12, AuditText.Payload);
        Read(r, 13, AuditText.PrevHash);
        Read(r, 14, AuditText.ContentHash);
        Read(r, 15, AuditText.Hash);
    }

    private void Read(NpgsqlDataReader r, int ordinal, AuditText field, bool nullable = false)
    {
        // Only the nullable columns are asked: a null elsewhere throws in GetBytes, as it did in GetString.
        if (nullable && r.IsDBNull(ordinal))
        {
            _length[(int)field] = -1;
            return;
        }
        // One call when the text fits the room left (nearly always); only a text that fills it is asked its length.
        var room = _bytes.Length - _used;
        var length = (int)r.GetBytes(ordinal, 0, _bytes, _used, room);
        if (length == room && (int)r.GetBytes(ordinal, 0, null, 0, 0) is var whole && whole > length)
        {
            Reserve(whole);
            length += (int)r.GetBytes(ordinal, length, _bytes, _used + length, whole - length);
        }
        Place(field, length);
    }

    private void Set(AuditText field, string? value)
    {
        if (value is null)
        {
            _length[(int)field] = -1;
            return;
        }
        Reserve(Encoding.UTF8.GetMaxByteCount(value.Length));
        Place(field, Encoding.UTF8.GetBytes(value, _bytes.AsSpan(_used)));
    }

    private void Reserve(int length)
    {
        if (_bytes.Length - _used >= length) return;
        Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + length));
    }

    private void Place(AuditText field, int length)
    {
        (_start[(int)field], _length[(int)field]) = (_used, length);
        _used += length;
    }
}
