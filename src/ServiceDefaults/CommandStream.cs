using System.Security.Claims;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace Spbe.ServiceDefaults;

/// <summary>The glue every command endpoint shares: load the stream, check who and which version, apply a decision.</summary>
public static class CommandStream
{
    /// <summary>
    /// Loads a request for a command. 404 when it does not exist or <paramref name="mayAct"/> says the
    /// caller may not see it; 412 when If-Match names another version.
    /// </summary>
    public static async Task<(IEventStream<T>? Stream, IResult? Problem)> LoadAsync<T>(
        IDocumentSession session, HttpContext http, Guid id, Func<ClaimsPrincipal, T, bool> mayAct) where T : class
    {
        if (!http.TryReadIfMatch(out var expected))
            return (null, Problems.Invalid("If-Match", "Must be the ETag of the request, e.g. \"3\"."));
        var stream = await session.Events.FetchForWriting<T>(id, http.RequestAborted);
        if (stream.Aggregate is null || !mayAct(http.User, stream.Aggregate)) return (null, Problems.NotFound());
        if (expected is not null && expected != stream.StartingVersion) return (null, Problems.StaleVersion(stream.StartingVersion ?? 0));
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
