using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Spbe.ServiceDefaults;

/// <summary>
/// Turns the exceptions a client can cause into problem details instead of a 500: unreadable
/// input is a 400, a lost optimistic-concurrency race a 409.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, title, detail) = Classify(exception);
        if (status is null) return false;

        context.Response.StatusCode = status.Value;
        if (status == 503) context.Response.Headers.RetryAfter = "2";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static (int? status, string? title, string? detail) Classify(Exception e) => e switch
    {
        BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
            (413, "Request body too large", bad.Message),
        BadHttpRequestException bad => (400, "Invalid request", Unwrap(bad)),
        JsonException json => (400, "Invalid JSON", json.Message),
        _ when Concurrency.IsConflict(e) => (409, "Conflict",
            "Another change to this request was saved at the same moment; reload it and try again."),
        _ when Idempotency.IsDuplicate(e) => (409, "Conflict",
            $"Another command with the same {Idempotency.Header} was saved at the same moment; send this one again to get its answer."),
        _ when TransientFaults.IsTransient(e) => (503, "Service unavailable",
            "The database cannot be reached at the moment; nothing was saved. Try again shortly."),
        _ => (null, null, null),
    };

    private static string Unwrap(Exception e) => e.InnerException is JsonException j ? j.Message : e.Message;
}
