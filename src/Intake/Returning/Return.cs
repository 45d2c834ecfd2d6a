using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Spbe.Intake.Returning;

/// <summary>The body of a return: what is missing, and a note to the OPD.</summary>
public sealed record ReturnForm(
    [property: Required, MinLength(1), MaxLength(50), Description("What is missing, one item each (at most 500 characters).")] IReadOnlyList<string>? Missing,
    [property: MaxLength(2000)] string? Note);

/// <summary>Verifikasi kelengkapan: Staf IT returns an incomplete request to the OPD for completion.</summary>
public static class Return
{
    public static Decision Decide(ServiceRequest request, IReadOnlyList<string> missing, string note, Actor actor, DateTimeOffset now)
    {
        if (request.Status != RequestStatus.Submitted)
            return Decision.Refuse($"Only a submitted request can be returned; this one is {request.Status.ToApiName()}.");
        return Decision.Accept(
            new Returned(request.Id, missing, note, request.Round, actor, now),
            new RequestReturned(request.Id, request.Number, request.Opd, now, actor, missing, note, request.Round, request.TrackingCode));
    }

    public static (IReadOnlyList<string> Missing, string Note, Errors Errors) Check(ReturnForm? form)
    {
        var errors = new Errors();
        if (form is null) return ([], "", errors.Add("body", "A JSON body is required."));
        var missing = new List<string>();
        if (form.Missing is null || form.Missing.Count == 0) errors.Add("missing", "Name at least one missing item.");
        else if (form.Missing.Count > 50) errors.Add("missing", "At most 50 items.");
        else
            for (var i = 0; i < form.Missing.Count; i++)
                if (errors.Text($"missing[{i}]", form.Missing[i], 500) is { } item) missing.Add(item);
        // The missing items say what to do; a note beside them is the Staf IT's choice.
        var note = errors.Text("note", form.Note, 2000, required: false) ?? "";
        return (missing, note, errors);
    }

    public static IResult Validate(ReturnForm? body) => CommandFlow.Continue(Check(body).Errors);

    public static IResult Before(HttpContext http, ServiceRequest? request) => CommandFlow.Check(http, request, request?.Version);

    [WolverinePost("/requests/{id}/return", OperationId = "returnRequest")]
    [EndpointSummary("Return an incomplete request to the OPD (Staf IT)")]
    [ProducesResponseType(204), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static (IResult, Events, OutgoingMessages) Post(ReturnForm? body, [WriteAggregate(Required = false)] ServiceRequest? request, HttpContext http, TimeProvider clock)
    {
        var (missing, note, _) = Check(body);
        return CommandFlow.Answer(Decide(request!, missing, note, http.User.ToActor(Roles.StafIt), clock.GetUtcNow()), request!.Version, http);
    }
}
