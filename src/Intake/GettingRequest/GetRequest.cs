using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Intake.GettingRequest;

/// <summary>
/// A request as its readers see it, with the overall status across all steps. <c>Number</c> is the register
/// number, null until Staf IT registers the request; <c>TrackingCode</c> names it from submission on.
/// </summary>
public sealed record RequestView(
    Guid Id, string? Number, string? TrackingCode, string Opd, RequestStatus Status, int Round,
    string Title, string Category, string ApplicationName, string Description, DateOnly? DesiredDate,
    RequestMemo RequestMemo, Contact Contact,
    IReadOnlyList<Attachment> Attachments, IReadOnlyList<string> MissingDocuments,
    IReadOnlyList<string> ReturnedFor, string? ReturnNote, string? ClosingReason,
    DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static RequestView Of(ServiceRequest r) => new(
        r.Id, r.Number, r.TrackingCode, r.Opd, r.Status, r.Round, r.Details.Title, Submitting.RequestFormValidator.Wire(r.Details.Category),
        r.Details.ApplicationName, r.Details.Description, r.Details.DesiredDate, r.Details.RequestMemo, r.Details.Contact,
        r.Attachments, Registering.Register.MissingDocuments(r), r.Missing, r.ReturnNote, r.ClosingReason,
        r.SubmittedAt, r.UpdatedAt, r.Version);
}

public static class GetRequest
{
    [WolverineGet("/requests/{id}", OperationId = "getRequest")]
    [EndpointSummary("A request with its overall status")]
    [ProducesResponseType<RequestView>(200), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session)
    {
        var (request, problem) = await Guard.LoadAsync<ServiceRequest>(session, http, id);
        if (problem is not null) return problem;
        http.SetETag(request!.Version);
        return Results.Ok(RequestView.Of(request!));
    }
}
