using System.Text.Json.Serialization;

namespace Spbe.Clients;

// What the four services share: the RFC 9457 problem details of every error (the documents'
// `Problem` and `ValidationProblem` schemas) and the exception a client throws on one. Written once
// here; the generated clients exclude their own copies (Clients.csproj), so one catch fits every service.

/// <summary>RFC 9457 problem details: for a 409 <see cref="Detail"/> says why the step is not allowed now.</summary>
public partial class Problem
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("status")] public int? Status { get; set; }
    [JsonPropertyName("detail")] public string? Detail { get; set; }
    [JsonPropertyName("instance")] public string? Instance { get; set; }
    [JsonPropertyName("traceId")] public string? TraceId { get; set; }
}

/// <summary>A refused input: per field (a JSON path such as <c>requestMemo.signedBy.nip</c>), why.</summary>
public partial class ValidationProblem : Problem
{
    [JsonPropertyName("errors")] public IDictionary<string, IReadOnlyList<string>> Errors { get; set; } = new Dictionary<string, IReadOnlyList<string>>();
}

/// <summary>A service answered with a status the operation does not succeed with.</summary>
public partial class ApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException)
    : Exception($"{message} ({statusCode}): {response?[..Math.Min(response.Length, 512)]}", innerException)
{
    public int StatusCode { get; } = statusCode;
    public string? Response { get; } = response;
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; } = headers;
}

/// <summary>The same, with the problem details the service sent.</summary>
public partial class ApiException<TResult>(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, TResult result, Exception? innerException)
    : ApiException(message, statusCode, response, headers, innerException)
{
    public TResult Result { get; } = result;
}
