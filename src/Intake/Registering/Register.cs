using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Spbe.Intake.Registering;

/// <summary>Step 1 ends: Staf IT finds the request complete and registers it, handing it to analysis.</summary>
public static class Register
{
    /// <summary>Pure: a complete, submitted request is registered; anything else is refused with the reason.</summary>
    public static Decision Decide(ServiceRequest request, Actor actor, DateTimeOffset now)
    {
        if (request.Status != RequestStatus.Submitted)
            return Decision.Refuse($"Only a submitted request can be registered; this one is {request.Status.ToApiName()}.");
        var missing = MissingDocuments(request);
        if (missing.Count > 0)
            return Decision.Refuse($"The request is incomplete: {string.Join("; ", missing)}. Return it to the OPD instead.");

        var d = request.Details;
        return Decision.Accept(
            new Registered(request.Id, actor, now),
            new RequestRegistered(request.Id, request.Number, request.Opd, now, actor, d.Title,
                Submitting.RequestFormValidator.Wire(d.Category), d.ApplicationName, d.Description, d.DesiredDate, request.SubmittedAt));
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

    [WolverinePost("/requests/{id}/register")]
    [EndpointSummary("Register a complete request (Staf IT)")]
    [ProducesResponseType(204), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static (IResult, Events, OutgoingMessages) Post([WriteAggregate(Required = false)] ServiceRequest? request, HttpContext http, TimeProvider clock) =>
        CommandFlow.Answer(Decide(request!, http.User.ToActor(Roles.StafIt), clock.GetUtcNow()), request!.Version, http);
}
