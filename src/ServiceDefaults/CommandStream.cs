using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using Spbe.Sop;
using Wolverine;

namespace Spbe.ServiceDefaults;

/// <summary>The glue every command endpoint shares: load the stream, check who and which version, apply a decision.</summary>
public static class CommandStream
{
    /// <summary>
    /// Loads a request for a command and asks the endpoint's matrix row of it (<see cref="Guard"/>):
    /// 404 when it does not exist or the caller may not know it does; 412 when If-Match names another
    /// version; then 403 when the caller may see it but not do this.
    /// </summary>
    public static async Task<(IEventStream<T>? Stream, IResult? Problem)> LoadAsync<T>(
        IDocumentSession session, HttpContext http, Guid id) where T : class, IRequestResource
    {
        if (!http.TryReadIfMatch(out var expected))
            return (null, Problems.Invalid("If-Match", "Must be the ETag of the request, e.g. \"3\"."));
        var stream = await session.Events.FetchForWriting<T>(id, http.RequestAborted);
        if (stream.Aggregate is null) return (null, Problems.NotFound());
        var verdict = Guard.Decide(http, stream.Aggregate);
        if (verdict == Verdict.Hidden) return (null, Problems.NotFound());
        if (expected is not null && expected != stream.StartingVersion) return (null, Problems.StaleVersion(stream.StartingVersion ?? 0));
        if (Guard.Refusal(http, verdict, "request") is { } forbidden) return (null, forbidden);
        return (stream, null);
    }

    /// <summary>Appends an accepted decision's events, publishes its messages (same transaction), answers with the new version.</summary>
    public static async Task<IResult> ApplyAsync<T>(
        Decision decision, IEventStream<T> stream, IMessageBus bus, HttpContext http, Func<long, IResult>? accepted = null) where T : class
    {
        if (decision is Decision.Refused refused) return Problems.Conflict(refused.Reason);
        var (events, messages) = (Decision.Accepted)decision;
        stream.AppendMany(events);
        foreach (var message in messages) await bus.PublishAsync(message);
        var version = stream.CurrentVersion ?? 0;
        http.SetETag(version);
        return accepted?.Invoke(version) ?? Results.NoContent();
    }
}
