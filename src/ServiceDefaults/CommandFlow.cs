using Microsoft.AspNetCore.Http;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Spbe.ServiceDefaults;

/// <summary>
/// The two ends of a command endpoint on Wolverine's aggregate handler workflow (<c>[WriteAggregate]</c>
/// loads the stream for writing and appends the returned events with an optimistic check at commit):
/// <see cref="Check"/> runs as the endpoint's <c>Before</c>, <see cref="Answer"/> turns the pure decision
/// into what the workflow appends, sends and answers. The aggregate parameter is nullable so that the
/// endpoint's <c>Validate</c> of the body (400) runs before a missing stream's 404, as it always did.
/// </summary>
public static class CommandFlow
{
    /// <summary>
    /// Before the handler: a malformed If-Match is a 400; the endpoint's matrix row asked of the aggregate
    /// (<see cref="Guard"/>) hides it (404) before a stale If-Match is a 412, then may forbid it (403).
    /// </summary>
    public static IResult Check(HttpContext http, IRequestResource? aggregate, long? version)
    {
        if (!http.TryReadIfMatch(out var expected))
            return Problems.Invalid("If-Match", "Must be the ETag of the request, e.g. \"3\".");
        if (aggregate is null) return Problems.NotFound();
        var verdict = Guard.Decide(http, aggregate);
        if (verdict == Verdict.Hidden) return Problems.NotFound();
        if (expected is not null && expected != version) return Problems.StaleVersion(version ?? 0);
        return Guard.Refusal(http, verdict, "request") ?? WolverineContinue.Result();
    }

    /// <summary>A command refused before anything is taken for it (a document number): 409, nothing written.</summary>
    public static (IResult, Events, OutgoingMessages) Refused(string reason) => (Problems.Conflict(reason), [], []);

    /// <summary>The answer to a body's errors: a 400 naming each field, or on to the next step.</summary>
    public static IResult Continue(Errors errors) => errors.Any ? errors.ToResult() : WolverineContinue.Result();

    /// <summary>
    /// A refused decision is a 409 with its reason and nothing written; an accepted one gives its events
    /// (appended to the stream), its messages (sent in the same transaction) and the answer, with the new version as ETag.
    /// </summary>
    public static (IResult, Events, OutgoingMessages) Answer(Decision decision, long version, HttpContext http, IResult? accepted = null)
    {
        if (decision is Decision.Refused refused) return Refused(refused.Reason);
        var (events, messages) = (Decision.Accepted)decision;
        var outgoing = new OutgoingMessages();
        outgoing.AddRange(messages);
        http.SetETag(version + events.Count);
        return (accepted ?? Results.NoContent(), [.. events], outgoing);
    }
}
