using JasperFx.Events;
using Marten;
using Spbe.Contracts;
using Spbe.Sop;

namespace Spbe.ServiceDefaults;

/// <summary>One event of a stream as <c>GET …/{id}/history</c> shows it.</summary>
public sealed record HistoryEntry(
    long Version, string Type, object Data, Actor? Actor, DateTimeOffset At,
    DateTimeOffset RecordedAt, string? UserName, string? CorrelationId, string? CausationId);

public static class History
{
    /// <summary>The stream's events in order, or null when there is no such stream.</summary>
    public static async Task<IReadOnlyList<HistoryEntry>?> ReadAsync(IQuerySession session, Guid streamId, CancellationToken ct = default)
    {
        var events = await session.Events.FetchStreamAsync(streamId, token: ct);
        if (events.Count == 0) return null;
        return events.Select(ToEntry).ToList();
    }

    public static HistoryEntry ToEntry(IEvent e)
    {
        var domain = e.Data as IDomainEvent;
        return new HistoryEntry(e.Version, ApiNames.Kebab(e.EventType.Name), e.Data, domain?.Actor, domain?.At ?? e.Timestamp,
            e.Timestamp, e.UserName, e.CorrelationId, e.CausationId);
    }
}
