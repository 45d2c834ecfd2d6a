using Marten;
using Npgsql;
using Spbe.Contracts;
using Spbe.Reporting.Anomalies;
using Spbe.Reporting.Notifying;
using Spbe.Reporting.Timelines;
using Spbe.Reporting.Verifying;
using Spbe.Sop;
using Wolverine;

namespace Spbe.Reporting.AuditLog;

/// <summary>
/// Every integration message is appended to the audit log once (its business key is unique) and
/// the request's step facts and anomalies are rebuilt from all its messages, in one transaction.
/// </summary>
public static class RecordMessageHandler
{
    // Serialises appends so that each entry links to the true previous one, across nodes too.
    private const long ChainLock = 0x5350_4245_4155_4454;

    public static Task Handle(RequestSubmitted m, IDocumentSession s, WorkingCalendar c, TimeProvider t, IMessageBus b, NotificationOptions n) => RecordAsync(m, s, c, t, b, n);
    public static Task Handle(RequestReturned m, IDocumentSession s, WorkingCalendar c, TimeProvider t, IMessageBus b, NotificationOptions n) => RecordAsync(m, s, c, t, b, n);
    public static Task Handle(RequestRegistered m, IDocumentSession s, WorkingCalendar c, TimeProvider t, IMessageBus b, NotificationOptions n) => RecordAsync(m, s, c, t, b, n);
    public static Task Handle(RequestWithdrawn m, IDocumentSession s, WorkingCalendar c, TimeProvider t, IMessageBus b, NotificationOptions n) => RecordAsync(m, s, c, t, b, n);
    public static Task Handle(RequestRejected m, IDocumentSession s, WorkingCalendar c, TimeProvider t, IMessageBus b, NotificationOptions n) => RecordAsync(m, s, c, t, b, n);
    public static Task Handle(TeamAssigned m, IDocumentSession s, WorkingCalendar c, TimeProvider t, IMessageBus b, NotificationOptions n) => RecordAsync(m, s, c, t, b, n);
    public static Task Handle(WorkStarted m, IDocumentSession s, WorkingCalendar c, TimeProvider t, IMessageBus b, NotificationOptions n) => RecordAsync(m, s, c, t, b, n);
    public static Task Handle(ExecutionReported m, IDocumentSession s, WorkingCalendar c, TimeProvider t, IMessageBus b, NotificationOptions n) => RecordAsync(m, s, c, t, b, n);
    public static Task Handle(InternalCheckCompleted m, IDocumentSession s, WorkingCalendar c, TimeProvider t, IMessageBus b, NotificationOptions n) => RecordAsync(m, s, c, t, b, n);
    public static Task Handle(OwnerCheckCompleted m, IDocumentSession s, WorkingCalendar c, TimeProvider t, IMessageBus b, NotificationOptions n) => RecordAsync(m, s, c, t, b, n);
    public static Task Handle(RequestHandedOver m, IDocumentSession s, WorkingCalendar c, TimeProvider t, IMessageBus b, NotificationOptions n) => RecordAsync(m, s, c, t, b, n);
    public static Task Handle(WithdrawalRequested m, IDocumentSession s, WorkingCalendar c, TimeProvider t, IMessageBus b, NotificationOptions n) => RecordAsync(m, s, c, t, b, n);
    public static Task Handle(WithdrawalRefused m, IDocumentSession s, WorkingCalendar c, TimeProvider t, IMessageBus b, NotificationOptions n) => RecordAsync(m, s, c, t, b, n);
    public static Task Handle(TeamChangeRequested m, IDocumentSession s, WorkingCalendar c, TimeProvider t, IMessageBus b, NotificationOptions n) => RecordAsync(m, s, c, t, b, n);
    public static Task Handle(TeamChangeAccepted m, IDocumentSession s, WorkingCalendar c, TimeProvider t, IMessageBus b, NotificationOptions n) => RecordAsync(m, s, c, t, b, n);
    public static Task Handle(TeamChangeRefused m, IDocumentSession s, WorkingCalendar c, TimeProvider t, IMessageBus b, NotificationOptions n) => RecordAsync(m, s, c, t, b, n);

    public static async Task RecordAsync(IIntegrationEvent m, IDocumentSession session, WorkingCalendar calendar, TimeProvider clock,
        IMessageBus bus, NotificationOptions notifications)
    {
        await session.BeginTransactionAsync(CancellationToken.None);
        var conn = (NpgsqlConnection)session.Connection!;
        await Scalar(conn, "select pg_advisory_xact_lock(@lock)", ("lock", ChainLock));

        var key = m.Key;
        if (await Scalar(conn, $"select 1 from {ReportingSchema.AuditLog} where message_key = @key", ("key", key)) is not null)
            return; // a redelivery: already recorded, nothing changes

        var (prev, position) = await HeadAsync(conn);
        var entry = AuditChain.Seal(new AuditEntry(0, key, MessageTypes.NameOf(m), m.RequestId, m.RequestNumber, m.OpdCode,
            m.Actor.UserId, m.Actor.Name, m.Actor.Role, m.Actor.Nip,
            AuditChain.ToStoredPrecision(m.OccurredAt), AuditChain.ToStoredPrecision(clock.GetUtcNow()), MessageTypes.Serialize(m), "", "", ""), prev);

        session.QueueSqlCommand(
            $"insert into {ReportingSchema.AuditLog} (message_key, type, request_id, request_number, opd, actor_id, actor_name, actor_role, actor_nip, " +
            "occurred_at, recorded_at, payload, prev_hash, content_hash, hash, chain_position) values (?, ?, ?, ?::text, ?, ?, ?, ?, ?::text, ?, ?, ?, ?, ?, ?, ?)",
            entry.MessageKey, entry.Type, entry.RequestId, (object?)entry.RequestNumber ?? DBNull.Value, entry.Opd, entry.ActorId, entry.ActorName, entry.ActorRole,
            (object?)entry.ActorNip ?? DBNull.Value, entry.OccurredAt, entry.RecordedAt, entry.Payload, entry.PrevHash, entry.ContentHash, entry.Hash, position + 1);

        foreach (var document in m.Documents ?? [])
            IssuedDocuments.QueueRecord(session, document, m.RequestId, m.OpdCode, key, entry.RecordedAt);

        // The step facts of this request, rebuilt from all its messages (this one included), so
        // messages arriving out of order still give the right steps.
        var messages = new List<IIntegrationEvent>();
        await using (var cmd = new NpgsqlCommand($"select type, payload from {ReportingSchema.AuditLog} where request_id = @id", conn))
        {
            cmd.Parameters.AddWithValue("id", m.RequestId);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) messages.Add(MessageTypes.Deserialize(reader.GetString(0), reader.GetString(1)));
        }
        // The request's messages before this one (for the steps it opens, its team, its number), then with it, first as before.
        var history = messages.ToList();
        messages.Insert(0, m);
        // The register number comes with registration: the steps carry it once any message of the request does.
        var number = RegisterNumber(messages);
        var steps = StepBuilder.Build(messages, calendar);
        StepTable.QueueReplace(session, m.RequestId, number, m.OpdCode, steps, calendar);
        // Whether the request's services disagree, judged on the same messages.
        AnomalyTable.QueueReplace(session, m.RequestId, number, m.OpdCode, Disagreements.Detect(messages), clock.GetUtcNow());

        // Who is told, and when the steps this message opened are checked: stored and scheduled in this same transaction,
        // so they happen once for each message the audit log records once.
        await Notifier.KeepAsync(session, bus, key, NoticePlanner.ForMessage(m, history, notifications), m.OccurredAt, clock.GetUtcNow(), skipExisting: false);
        foreach (var check in Deadlines.Plan(m.RequestId, StepBuilder.Build(history, calendar), steps, calendar, notifications.ReminderShare))
            await bus.ScheduleAsync(check, check.At);
    }

    /// <summary>The request's register number from its messages, null while none carries it (before registration).</summary>
    public static string? RegisterNumber(IEnumerable<IIntegrationEvent> messages) =>
        messages.Select(m => m.RequestNumber).FirstOrDefault(n => n is not null);

    /// <summary>The chain's head under the chain lock: its hash and position (counted when the head has none).</summary>
    private static async Task<(string Hash, long Position)> HeadAsync(NpgsqlConnection conn)
    {
        await using var cmd = new NpgsqlCommand($"""
            select h.hash, coalesce(h.chain_position, (select count(*) from {ReportingSchema.AuditLog}))
            from {ReportingSchema.AuditLog} h order by h.seq desc limit 1
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        return await r.ReadAsync() ? (r.GetString(0), r.GetInt64(1)) : (AuditChain.Genesis, 0);
    }

    private static async Task<object?> Scalar(NpgsqlConnection conn, string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        var result = await cmd.ExecuteScalarAsync();
        return result is DBNull ? null : result;
    }
}
