using Microsoft.AspNetCore.Http;

namespace Spbe.ServiceDefaults;

/// <summary>The API's error answers (RFC 9457 problem details), in one place.</summary>
public static class Problems
{
    /// <summary>400: the input is invalid; <paramref name="errors"/> names each field and why.</summary>
    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request is invalid.");

    public static IResult Invalid(string field, string reason) =>
        Invalid(new Dictionary<string, string[]> { [field] = [reason] });

    /// <summary>409: the step is not allowed now; the reason says why.</summary>
    public static IResult Conflict(string reason) =>
        Results.Problem(title: "This step is not allowed now.", detail: reason, statusCode: StatusCodes.Status409Conflict);

    /// <summary>412: the If-Match version is not the current one.</summary>
    public static IResult StaleVersion(long current) =>
        Results.Problem(title: "The resource has changed.",
            detail: $"If-Match does not match the current version ({current}); reload and try again.",
            statusCode: StatusCodes.Status412PreconditionFailed);

    /// <summary>404, also for what the caller may not know exists (another OPD's request).</summary>
    public static IResult NotFound(string what = "request") =>
        Results.Problem(title: "Not found.", detail: $"No such {what}.", statusCode: StatusCodes.Status404NotFound);

    public static IResult Forbidden(string reason) =>
        Results.Problem(title: "Forbidden.", detail: reason, statusCode: StatusCodes.Status403Forbidden);
}
