using Marten;
using Npgsql;
using Spbe.Contracts;

namespace Spbe.Reporting.Verifying;

/// <summary>A document as the public verification tells of it: that it was issued, its kind, number, date, office; nothing of its content.</summary>
public sealed record DocumentVerification(bool Issued, string Kind, string Title, string Number, DateOnly Date, string Office);

/// <summary>The official documents issued, by hash (<see cref="ReportingSchema.Documents"/>).</summary>
public static class IssuedDocuments
{
    /// <summary>Queues the record of a document in the session's transaction (a redelivered message records nothing new).</summary>
    public static void QueueRecord(IDocumentSession session, IssuedDocument d, Guid? requestId, string? opd, string? messageKey, DateTimeOffset at) =>
        session.QueueSqlCommand(
            $"insert into {ReportingSchema.Documents} (sha256, verification_code, kind, name, title, number, date, request_id, opd, message_key, recorded_at) " +
            "values (?, ?, ?, ?, ?, ?, ?, ?::uuid, ?::text, ?::text, ?) on conflict (sha256) do nothing",
            d.Sha256, d.VerificationCode, d.Kind, d.Name, d.Title, d.Number, d.Date,
            (object?)requestId ?? DBNull.Value, (object?)opd ?? DBNull.Value, (object?)messageKey ?? DBNull.Value, at);

    /// <summary>Records a document Reporting issues itself (the monthly Laporan), once.</summary>
    public static async Task RecordAsync(NpgsqlDataSource database, IssuedDocument d, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = database.CreateCommand(
            $"insert into {ReportingSchema.Documents} (sha256, verification_code, kind, name, title, number, date, recorded_at) " +
            "values (@sha, @code, @kind, @name, @title, @number, @date, @at) on conflict (sha256) do nothing");
        cmd.Parameters.AddWithValue("sha", d.Sha256);
        cmd.Parameters.AddWithValue("code", d.VerificationCode);
        cmd.Parameters.AddWithValue("kind", d.Kind);
        cmd.Parameters.AddWithValue("name", d.Name);
        cmd.Parameters.AddWithValue("title", d.Title);
        cmd.Parameters.AddWithValue("number", d.Number);
        cmd.Parameters.AddWithValue("date", d.Date);
        cmd.Parameters.AddWithValue("at", at);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The document whose PDF has this SHA-256, or whose QR code carries this verification code; null when none was issued.</summary>
    public static async Task<(string Kind, string Title, string Number, DateOnly Date)?> FindAsync(NpgsqlDataSource database, string hash, CancellationToken ct)
    {
        await using var cmd = database.CreateCommand(
            $"select kind, title, number, date from {ReportingSchema.Documents} where sha256 = @h or verification_code = @h limit 1");
        cmd.Parameters.AddWithValue("h", hash);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3));
    }
}
