using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;

namespace Spbe.Intake.Submitting;

public sealed record SubmitResponse(Guid Id, string Number, RequestStatus Status);

/// <summary>Step 1: an OPD submits a request for its own agency (the OPD comes from the token).</summary>
public static class Submit
{
    /// <summary>Pure: the events and messages of a new request.</summary>
    public static (Submitted Event, RequestSubmitted Message) Decide(Guid id, string number, string opd, RequestDetails details, Actor actor, DateTimeOffset now) =>
        (new Submitted(id, number, opd, details, actor, now),
         new RequestSubmitted(id, number, opd, now, actor, details.Title, RequestFormValidator.Wire(details.Category), details.ApplicationName, 1));

    [WolverinePost("/requests")]
    [EndpointSummary("Submit a request (OPD)")]
    [ProducesResponseType<SubmitResponse>(201), ProducesResponseType(400), ProducesResponseType(401), ProducesResponseType(403)]
    public static async Task<IResult> Post(RequestForm? body, HttpContext http, IDocumentSession session, IMessageBus bus,
        TimeProvider clock, IOptions<IntakeOptions> options)
    {
        var now = clock.GetUtcNow();
        var opd = http.User.OpdCode();
        if (opd is null || !OpdCode.IsValid(opd)) return Problems.Forbidden("The token carries no valid OPD code (claim 'opd').");

        var (details, errors) = RequestFormValidator.Validate(body, Wib.Today(now));
        if (details is null) return errors.ToResult();

        var number = await DocumentCounters.TakeAsync(session, DocumentNumbers.RequestSeries, options.Value.RequestNumberFormat, now, http.RequestAborted);
        var id = Guid.CreateVersion7();

        var (submitted, message) = Decide(id, number, opd, details, http.User.ToActor(Roles.Opd), now);
        session.Events.StartStream<ServiceRequest>(id, submitted);
        await bus.PublishAsync(message);

        http.SetETag(1);
        return Results.Created($"/requests/{id}", new SubmitResponse(id, number, RequestStatus.Submitted));
    }
}
