using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;

namespace Spbe.Intake.Submitting;

/// <summary>The answer to a submission: no register number yet (Staf IT gives it at registration), a tracking code.</summary>
public sealed record SubmitResponse(Guid Id, string TrackingCode, RequestStatus Status);

/// <summary>Step 1: an OPD submits a request for its own agency (the OPD comes from the token).</summary>
/// <remarks>
/// A submission takes no gap-free number and so locks no counter row: submissions commit side by side.
/// The register number is taken by <see cref="Registering.Register"/>.
/// </remarks>
public static class Submit
{
    /// <summary>How often a taken tracking code is drawn again before giving up (a collision is about one in 10^7).</summary>
    public const int CodeAttempts = 5;

    private const string Scope = "submit";

    /// <summary>Pure: the events and messages of a new request.</summary>
    public static (Submitted Event, RequestSubmitted Message) Decide(Guid id, string trackingCode, string opd, RequestDetails details, Actor actor, DateTimeOffset now) =>
        (new Submitted(id, null, opd, details, actor, now, trackingCode),
         new RequestSubmitted(id, null, opd, now, actor, details.Title, RequestFormValidator.Wire(details.Category), details.ApplicationName, 1, trackingCode));

    [WolverinePost("/requests", OperationId = "submitRequest"), Idempotent]
    [EndpointSummary("Submit a request (OPD): answers its id and tracking code; the register number is given at registration")]
    [ProducesResponseType<SubmitResponse>(201), ProducesResponseType(400), ProducesResponseType(401), ProducesResponseType(403), ProducesResponseType(409), ProducesResponseType(503)]
    public static async Task<IResult> Post(RequestForm? body, HttpContext http, IDocumentSession session, IMessageBus bus, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var opd = http.User.OpdCode();
        if (opd is null || !OpdCode.IsValid(opd)) return Problems.Forbidden("The token carries no valid OPD code (claim 'opd').");

        var (details, errors) = RequestFormValidator.Validate(body, Wib.Today(now));
        var key = Idempotency.Key(http, errors);
        if (details is null || errors.Any) return errors.ToResult();
        // A retried submission (the same key and form) answers what the first one did and submits nothing again.
        var hash = Idempotency.HashJson(body);
        if (key is not null && await Idempotency.EarlierAnswerAsync(session, http, Scope, key, hash) is { } earlier) return earlier;

        var code = await FreeCodeAsync(session, http.RequestAborted);
        if (code is null)
            return Results.Problem(statusCode: 503, title: "No free tracking code",
                detail: $"{CodeAttempts} tracking codes in a row were taken; submit again.");
        var id = Guid.CreateVersion7();

        var (submitted, message) = Decide(id, code, opd, details, http.User.ToActor(Roles.Opd), now);
        session.Events.StartStream<ServiceRequest>(id, submitted);
        await bus.PublishAsync(message);

        http.SetETag(1);
        var answer = new SubmitResponse(id, code, RequestStatus.Submitted);
        if (key is not null) Idempotency.Remember(session, http, Scope, key, hash, 201, $"/requests/{id}", answer, now);
        return Results.Created($"/requests/{id}", answer);
    }

    /// <summary>A random tracking code no request has yet (the unique index refuses the rare race between two submissions).</summary>
    public static async Task<string?> FreeCodeAsync(IQuerySession session, CancellationToken ct)
    {
        for (var i = 0; i < CodeAttempts; i++)
        {
            var code = TrackingCode.New();
            if (!await session.Query<ServiceRequest>().AnyAsync(r => r.TrackingCode == code, ct)) return code;
        }
        return null;
    }
}
