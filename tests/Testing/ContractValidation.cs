using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Spbe.Testing;

/// <summary>
/// One service's committed OpenAPI document as a checker of exchanges: the operation exists, the
/// request's body and the response's status, content type and body are what the document says
/// (JSON Schema 2020-12, as OpenAPI 3.1 defines it). What a validating proxy such as Prism does, in
/// the test process.
/// </summary>
public sealed class OpenApiChecker
{
    private readonly string _service;
    private readonly JsonObject _document;
    private readonly JsonObject _definitions;
    private readonly List<(string Method, Regex Path, string Template, JsonObject Operation)> _operations = [];
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();
    private static int _ids;

    public OpenApiChecker(string service, string json)
    {
        _service = service;
        _document = JsonNode.Parse(json)!.AsObject();
        // Component schemas become $defs of each checked schema; their references follow.
        _definitions = JsonNode.Parse(Rewrite(_document["components"]?["schemas"]?.ToJsonString() ?? "{}"))!.AsObject();
        foreach (var (template, item) in _document["paths"]!.AsObject())
        {
            var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$";
            foreach (var (method, operation) in item!.AsObject())
                _operations.Add((method.ToUpperInvariant(), new Regex(pattern), template, operation!.AsObject()));
        }
    }

    public static OpenApiChecker ForCommitted(string service) => new(service, File.ReadAllText(OpenApiContract.DocumentPath(service)));

    private static string Rewrite(string json) => json.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);

    /// <summary>What in the request departs from the document (empty: conforms).</summary>
    public IReadOnlyList<string> CheckRequest(string method, string path, string? contentType, string? body, IReadOnlyCollection<string> queryNames, IReadOnlyCollection<string> formFields)
    {
        var problems = new List<string>();
        if (Find(method, path) is not { } found) return [$"{method} {path}: no such operation in {_service}'s document"];
        var operation = found.Operation;
        var declared = (operation["parameters"]?.AsArray() ?? []).Select(p => (p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>())).ToList();
        foreach (var name in queryNames.Where(n => !declared.Contains((n, "query"))))
            problems.Add($"query parameter '{name}' is not documented");

        var requestBody = operation["requestBody"]?.AsObject();
        if (string.IsNullOrEmpty(contentType))
        {
            if (requestBody?["required"]?.GetValue<bool>() == true) problems.Add("the document requires a body; none was sent");
            return problems;
        }
        if (requestBody is null) return [.. problems, $"a body ({contentType}) was sent; the document takes none"];
        if (requestBody["content"]?[contentType] is not JsonObject media)
            return [.. problems, $"body of type {contentType}; the document takes {string.Join(", ", requestBody["content"]!.AsObject().Select(c => c.Key))}"];
        if (contentType == "multipart/form-data")
        {
            var schema = media["schema"]!.AsObject();
            var properties = schema["properties"]?.AsObject().Select(p => p.Key).ToHashSet() ?? [];
            problems.AddRange(formFields.Where(f => !properties.Contains(f)).Select(f => $"form field '{f}' is not documented"));
            problems.AddRange((schema["required"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()).Where(r => !formFields.Contains(r)).Select(r => $"required form field '{r}' missing"));
        }
        else if (IsJson(contentType))
            problems.AddRange(Validate(media["schema"], body, $"{found.Template} {method} request"));
        return problems;
    }

    /// <summary>What in the response departs from the document (empty: conforms).</summary>
    public IReadOnlyList<string> CheckResponse(string method, string path, int status, string? contentType, string? body)
    {
        if (Find(method, path) is not { } found) return [$"{method} {path}: no such operation in {_service}'s document"];
        var responses = found.Operation["responses"]!.AsObject();
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if ((responses[code] ?? responses["default"]) is not JsonObject response)
            return [$"answered {status}; the document lists {string.Join(", ", responses.Select(r => r.Key))}"];
        var content = response["content"]?.AsObject();
        if (string.IsNullOrEmpty(body))
            return content is { Count: > 0 } && status != 304 ? [$"answered {status} without a body; the document gives it {string.Join(", ", content.Select(c => c.Key))}"] : [];
        if (content is null || string.IsNullOrEmpty(contentType)) return [$"answered {status} with a body ({contentType}); the document gives it none"];
        if (content[contentType] is not JsonObject media)
            return [$"answered {status} as {contentType}; the document says {string.Join(", ", content.Select(c => c.Key))}"];
        return IsJson(contentType) ? Validate(media["schema"], body, $"{found.Template} {method} {status}") : [];
    }

    private (string Template, JsonObject Operation)? Find(string method, string path)
    {
        // A literal path wins over a template (/audit/verify before /audit/{id}).
        var matches = _operations.Where(o => o.Method == method && o.Path.IsMatch(path)).OrderBy(o => o.Template.Count(c => c == '{')).ToList();
        return matches.Count == 0 ? null : (matches[0].Template, matches[0].Operation);
    }

    private static bool IsJson(string contentType) => contentType == "application/json" || contentType.EndsWith("+json", StringComparison.Ordinal);

    private List<string> Validate(JsonNode? schemaNode, string? body, string where)
    {
        if (schemaNode is null) return [];
        JsonNode? instance;
        try { instance = string.IsNullOrEmpty(body) ? null : JsonNode.Parse(body); }
        catch (System.Text.Json.JsonException e) { return [$"{where}: not JSON: {e.Message}"]; }

        var text = Rewrite(schemaNode.ToJsonString());
        var schema = _schemas.GetOrAdd(text, t =>
        {
            var root = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$id"] = $"https://contract.spbe.test/{_service}/{Interlocked.Increment(ref _ids)}",
                ["$defs"] = _definitions.DeepClone(),
                ["allOf"] = new JsonArray(JsonNode.Parse(t)),
            };
            return JsonSchema.FromText(root.ToJsonString());
        });
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid) return [];
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} ({e.Key})")).Distinct().Take(10).ToList();
        return [$"{where}: {(errors.Count == 0 ? "does not match the schema" : string.Join("; ", errors))}"];
    }
}

/// <summary>
/// Every exchange through the test clients, checked against the services' committed documents.
/// Exchanges a test sends bad on purpose (<see cref="ExpectInvalidRequests"/>) must be caught by the
/// document's request schema: a document that lets them through is a violation too.
/// </summary>
public sealed class ContractLog
{
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly AsyncLocal<string?> _expectInvalid = new();
    private int _exchanges, _caughtInvalid;

    public IReadOnlyList<string> Violations => [.. _violations];
    public int Exchanges => _exchanges;
    public int CaughtInvalidRequests => _caughtInvalid;

    /// <summary>Within the returned scope, requests are meant to break the contract (bad input): the document must say so.</summary>
    public IDisposable ExpectInvalidRequests(string why)
    {
        _expectInvalid.Value = why;
        return new Scope(() => _expectInvalid.Value = null);
    }

    internal string? ExpectedInvalid => _expectInvalid.Value;
    internal void Exchange() => Interlocked.Increment(ref _exchanges);
    internal void CaughtInvalid() => Interlocked.Increment(ref _caughtInvalid);
    internal void Violation(string text) => _violations.Enqueue(text);

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}

/// <summary>Checks each request and response passing through against the service's document, into a <see cref="ContractLog"/>.</summary>
public sealed class ContractCheckingHandler(OpenApiChecker checker, ContractLog log) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = request.Method.Method;
        var path = request.RequestUri!.AbsolutePath;
        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
        var queryNames = query.AllKeys.Where(k => k is not null).Select(k => k!).ToList();
        string? body = null;
        var formFields = new List<string>();
        var contentType = request.Content?.Headers.ContentType?.MediaType;
        if (request.Content is MultipartFormDataContent multipart)
            formFields.AddRange(multipart.Select(part => part.Headers.ContentDisposition?.Name?.Trim('"') ?? ""));
        else if (request.Content is not null)
        {
            body = await request.Content.ReadAsStringAsync(cancellationToken);
            if (body.Length == 0) contentType = null;
        }

        var requestProblems = checker.CheckRequest(method, path, contentType, body, queryNames, formFields);
        var exchange = $"{method} {request.RequestUri.PathAndQuery}";
        if (log.ExpectedInvalid is { } why)
        {
            if (requestProblems.Count == 0) log.Violation($"{exchange}: sent invalid on purpose ({why}), but the document accepts it");
            else log.CaughtInvalid();
        }
        else
            foreach (var problem in requestProblems) log.Violation($"{exchange}: request: {problem}");

        var response = await base.SendAsync(request, cancellationToken);
        log.Exchange();
        var responseBody = response.Content is null ? null : await response.Content.ReadAsStringAsync(cancellationToken);
        var responseType = response.Content?.Headers.ContentType?.MediaType;
        foreach (var problem in checker.CheckResponse(method, path, (int)response.StatusCode, responseType, responseBody))
            log.Violation($"{exchange}: response: {problem}");
        return response;
    }
}
