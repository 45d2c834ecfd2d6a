using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Spbe.Contracts;
using Spbe.Documents;
using Spbe.Intake.Documents;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Spbe.Intake.Registering;

public sealed record RegisterResponse(string Number);

/// <summary>
/// Step 1 ends: Staf IT finds the request complete and registers it, handing it to analysis. Registration,
/// the act of the office, gives the request its gap-free register number (<c>Intake:RequestNumberFormat</c>).
/// </summary>
public static class Register
{
    /// <summary>Why the request cannot be registered now, or null when it can.</summary>
    public static string? WhyNot(ServiceRequest request)
    {
        if (request.Status != RequestStatus.Submitted)
            return $"Only a submitted request can be registered; this one is {request.Status.ToApiName()}.";
        var missing = MissingDocuments(request);
        return missing.Count > 0
            ? $"The request is incomplete: {string.Join("; ", missing)}. Return it to the OPD instead."
            : null;
    }

    /// <summary>
    /// Pure: a complete, submitted request is registered under <paramref name="number"/>; anything else is refused
    /// with the reason. A request registered before the number moved to registration keeps the one it has.
    /// </summary>
    /// <remarks>With the office's <paramref name="documents"/> kit, the message carries the tanda terima's hash.</remarks>
    public static Decision Decide(ServiceRequest request, string number, Actor actor, DateTimeOffset now, DocumentKit? documents = null)
    {
        if (WhyNot(request) is { } reason) return Decision.Refuse(reason);
        var registered = new Registered(request.Id, actor, now, number);
        var issued = documents is null ? null
            : IntakeDocuments.Of(request.Apply(registered)).Select(l => documents.Render(l).Issued).ToList();
        return Decision.Accept(registered, Message(request, number, actor, now, issued));
    }

    /// <summary>The registration as the others hear it; also carried by a withdrawal request (<see cref="Withdrawing.Withdraw"/>).</summary>
    public static RequestRegistered Message(ServiceRequest request, string number, Actor actor, DateTimeOffset at, IReadOnlyList<IssuedDocument>? documents = null)
    {
        var d = request.Details;
        return new RequestRegistered(request.Id, number, request.Opd, at, actor, d.Title,
            Submitting.RequestFormValidator.Wire(d.Category), d.ApplicationName, d.Description, d.DesiredDate, request.SubmittedAt,
            request.TrackingCode, documents);
    }

    /// <summary>The documents the SOP requires that the request lacks.</summary>
    public static IReadOnlyList<string> MissingDocuments(ServiceRequest request)
    {
        var missing = new List<string>();
        if (!request.Attachments.Any(a => a.Kind == AttachmentKind.RequestMemo))
            missing.Add("the request memo (Nota permintaan layanan) is not attached");
        if (request.Details.Category == Category.Change && !request.Attachments.Any(a => a.Kind == AttachmentKind.ChangeMemo))
            missing.Add("a change request needs its change memo (Nota perubahan aplikasi) attached");
        return missing;
    }

    public static IResult Before(HttpContext http, ServiceRequest? request) => CommandFlow.Check(http, request, request?.Version);

    [WolverinePost("/requests/{id}/register", OperationId = "registerRequest")]
    [EndpointSummary("Register a complete request (Staf IT): takes and answers its gap-free register number")]
    [ProducesResponseType<RegisterResponse>(200), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static async Task<(IResult, Events, OutgoingMessages)> Post([WriteAggregate(Required = false)] ServiceRequest? request,
        HttpContext http, IDocumentSession session, TimeProvider clock, IOptions<IntakeOptions> options, DocumentKit documents)
    {
        // The state check comes first: a refused registration takes no number, so the register has no gaps.
        if (WhyNot(request!) is { } reason) return CommandFlow.Refused(reason);
        var now = clock.GetUtcNow();
        // Requests submitted while the number was given at submission already have theirs.
        var number = request!.Number
            ?? await DocumentCounters.TakeAsync(session, DocumentNumbers.RequestSeries, options.Value.RequestNumberFormat, now, http.RequestAborted);
        return CommandFlow.Answer(Decide(request, number, http.User.ToActor(Roles.StafIt), now, documents), request.Version,
            http, Results.Ok(new RegisterResponse(number)));
    }
}
