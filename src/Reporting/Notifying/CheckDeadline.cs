using Marten;
using Npgsql;
using Spbe.Contracts;
using Spbe.Reporting.Timelines;
using Spbe.Sop;
using Wolverine;

namespace Spbe.Reporting.Notifying;

/// <summary>A step's deadline came: its owner is reminded, or the Kasi told it is overdue, unless the step has moved on.</summary>
public static class StepDeadlineReachedHandler
{
    public static async Task Handle(StepDeadlineReached check, IDocumentSession session, IMessageBus bus, NpgsqlDataSource database,
        NotificationOptions options, WorkingCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var history = await LoadMessagesAsync(database, check.RequestId, ct);
        // The steps as the SLA sees them now: a step closed, cancelled or paused since has nothing to remind of.
        if (!Deadlines.IsStillOpen(check, StepBuilder.Build(history, calendar))) return;
        await Notifier.KeepAsync(session, bus, check.Key, NoticePlanner.ForDeadline(check, history, options), check.At, clock.GetUtcNow(), skipExisting: true);
    }

    public static async Task<List<IIntegrationEvent>> LoadMessagesAsync(NpgsqlDataSource database, Guid requestId, CancellationToken ct)
    {
        var messages = new List<IIntegrationEvent>();
        await using var cmd = database.CreateCommand($"select type, payload from {ReportingSchema.AuditLog} where request_id = @id order by seq");
        cmd.Parameters.AddWithValue("id", requestId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) messages.Add(MessageTypes.Deserialize(reader.GetString(0), reader.GetString(1)));
        return messages;
    }
}
