using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Spbe.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Spbe.System.Tests;

public sealed class StartedSystem : IAsyncLifetime
{
    public AspireSystem Host { get; private set; } = null!;
    public SystemDriver Driver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await AspireSystem.StartAsync("--Services:intake:Limits:CommandsPerWindow=1000000",
            "--Services:assignment:Limits:CommandsPerWindow=1000000", "--Services:delivery:Limits:CommandsPerWindow=1000000");
        Driver = new SystemDriver(Host);
        await Driver.LoginAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>Concurrency and bad input against the system running as processes.</summary>
[Collection("apphost")]
public sealed class ReliabilityTests(StartedSystem system, ITestOutputHelper output) : IClassFixture<StartedSystem>
{
    private SystemDriver D => system.Driver;

    private async Task<List<HttpStatusCode>> Concurrently(int count, Func<Task<HttpResponseMessage>> command)
    {
        var gate = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, count).Select(async _ => { await gate.Task; using var r = await command(); return r.StatusCode; }).ToList();
        gate.SetResult();
        return [.. await Task.WhenAll(tasks)];
    }

    private async Task<int> CountEvents(string historyUrl, string type)
    {
        var history = (await system.Host.GetAsync(historyUrl, D.Auditor))!.AsArray();
        return history.Count(e => e!["type"]!.GetValue<string>() == type);
    }

    [Fact]
    public async Task twenty_concurrent_conflicting_commands_on_one_request_exactly_one_succeeds_in_each_service()
    {
        var intake = await D.CompleteAsync();
        var codes = await Concurrently(20, () => D.PostAsync($"{D.Intake}/requests/{intake}/register", D.Staf));
        codes.Count(c => c == HttpStatusCode.OK).ShouldBe(1); // 200 with the register number it took
        codes.ShouldAllBe(c => c == HttpStatusCode.OK || c == HttpStatusCode.Conflict);
        (await CountEvents($"{D.Intake}/requests/{intake}/history", "registered")).ShouldBe(1);

        var analysed = await D.AnalysedAsync();
        codes = await Concurrently(20, () => D.PostAsync($"{D.Assignment}/analyses/{analysed}/reject", D.Kasi, new { reason = "Bukan kewenangan" }));
        codes.Count(c => c == HttpStatusCode.NoContent).ShouldBe(1);
        codes.ShouldAllBe(c => c == HttpStatusCode.NoContent || c == HttpStatusCode.Conflict);
        (await CountEvents($"{D.Assignment}/analyses/{analysed}/history", "case-rejected")).ShouldBe(1);

        var work = await D.WorkOrderAsync("awaiting-start");
        codes = await Concurrently(20, () => D.PostAsync($"{D.Delivery}/work-orders/{work}/start", D.Programmer));
        codes.Count(c => c == HttpStatusCode.NoContent).ShouldBe(1);
        codes.ShouldAllBe(c => c == HttpStatusCode.NoContent || c == HttpStatusCode.Conflict);
        (await CountEvents($"{D.Delivery}/work-orders/{work}/history", "execution-started")).ShouldBe(1);

        // With If-Match, the losers are told the version moved on.
        var version = await D.VersionAsync($"{D.Delivery}/work-orders/{work}", D.Kasi);
        codes = await Concurrently(20, async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{D.Delivery}/work-orders/{work}/progress")
                { Content = new StringContent("{\"note\":\"x\",\"percent\":50}", Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", D.Programmer);
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
            return await system.Host.Http.SendAsync(request);
        });
        codes.Count(c => c == HttpStatusCode.NoContent).ShouldBe(1);
        codes.ShouldAllBe(c => c == HttpStatusCode.NoContent || c == HttpStatusCode.Conflict || c == HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task a_corpus_of_malformed_requests_gets_4xx_problem_details_and_changes_nothing()
    {
        // Targets in the states where a valid command would be accepted, so an accidentally valid case would show.
        var returned = await D.SubmittedAsync();
        await D.ExpectAsync($"{D.Intake}/requests/{returned}/return", D.Staf, new { missing = new[] { "Nota" }, note = "Lengkapi" }, HttpStatusCode.NoContent);
        var submitted = await D.SubmittedAsync();
        var analysed = await D.AnalysedAsync();
        var executing = await D.WorkOrderAsync("in-execution");
        var checking = await D.WorkOrderAsync("internal-check");
        var owner = await D.WorkOrderAsync("owner-check");
        var handover = await D.WorkOrderAsync("handover");

        var targets = new (string Url, string Token, object Valid, string[] Optional)[]
        {
            ($"{D.Intake}/requests", D.Opd, SystemDriver.RequestForm, ["desiredDate"]),
            ($"{D.Intake}/requests/{returned}", D.Opd, SystemDriver.RequestForm, ["desiredDate"]),
            ($"{D.Intake}/requests/{submitted}/return", D.Staf, new { missing = new[] { "Nota" }, note = "Lengkapi" }, ["note"]),
            ($"{D.Intake}/requests/{submitted}/withdraw", D.Opd, new { reason = "Batal" }, []),
            ($"{D.Assignment}/analyses/{analysed}/result", D.Kasi, SystemDriver.Analysis, ["risks", "requiredRoles"]),
            ($"{D.Assignment}/analyses/{analysed}/reject", D.Kasi, new { reason = "Bukan kewenangan" }, []),
            ($"{D.Assignment}/analyses/{analysed}/team", D.Kasi, SystemDriver.Team(), []),
            ($"{D.Delivery}/work-orders/{executing}/progress", D.Programmer, new { note = "Setengah", percent = 50 }, []),
            ($"{D.Delivery}/work-orders/{executing}/report", D.Programmer, new { summary = "x", changes = "y", deploymentNotes = "z" }, ["deploymentNotes"]),
            ($"{D.Delivery}/work-orders/{checking}/internal-check", D.Security, new { result = "failed", findings = new[] { new { severity = "high", description = "SQLi" } } }, []),
            ($"{D.Delivery}/work-orders/{owner}/owner-check", D.Opd, new { result = "revision-requested", findings = new[] { new { severity = "low", description = "Typo" } } }, []),
            ($"{D.Delivery}/work-orders/{handover}/handover", D.Kasi, SystemDriver.Handover, ["notes"]),
        };

        var versions = new (string Url, string Token)[]
        {
            ($"{D.Intake}/requests/{returned}", D.Auditor), ($"{D.Intake}/requests/{submitted}", D.Auditor), ($"{D.Assignment}/analyses/{analysed}", D.Kasi),
            ($"{D.Delivery}/work-orders/{executing}", D.Kasi), ($"{D.Delivery}/work-orders/{checking}", D.Kasi),
            ($"{D.Delivery}/work-orders/{owner}", D.Kasi), ($"{D.Delivery}/work-orders/{handover}", D.Kasi),
        };
        async Task<string> Snapshot()
        {
            var parts = new List<string>();
            foreach (var (url, token) in versions) parts.Add($"{url}={await D.VersionAsync(url, token)}");
            parts.Add("requests=" + (await system.Host.GetAsync($"{D.Intake}/requests?pageSize=1", D.Auditor))!["total"]);
            return string.Join('\n', parts);
        }
        var before = await Snapshot();

        var corpus = new List<(string Name, string Url, string Token, HttpContent Content)>();
        foreach (var (url, token, valid, optional) in targets)
        {
            var template = JsonSerializer.SerializeToNode(valid)!;
            foreach (var text in new[] { "", "{", "{\"a\":", "[]", "null", "42", "\"text\"", "{\"title\": }", "{'single': 'quotes'}", "\u0000", "{\"x\":1,}", "{\"x\":\"\\ud800\"" })
                corpus.Add(($"invalid JSON {Escape(text)}", url, token, Json(text)));
            corpus.Add(("text/plain body", url, token, new StringContent(template.ToJsonString(), Encoding.UTF8, "text/plain")));
            corpus.Add(("2 MB body", url, token, Json("{\"pad\":\"" + new string('x', 2 * 1024 * 1024) + "\"}")));
            // A form or an upload where JSON is taken, and a large body of another type: one limit for every content type.
            var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[2 * 1024 * 1024]), "file", "besar.pdf" }, { new StringContent(template.ToJsonString()), "body" } };
            corpus.Add(("2 MB multipart body", url, token, form));
            corpus.Add(("form-urlencoded body", url, token, new FormUrlEncodedContent([new("title", "Permohonan")])));
            corpus.Add(("2 MB octet-stream body", url, token, new ByteArrayContent(new byte[2 * 1024 * 1024]) { Headers = { ContentType = new("application/octet-stream") } }));
            foreach (var (path, leaf) in Leaves(template))
            {
                var name = string.Join('.', path);
                var isOptional = optional.Contains(path[0]);
                if (!isOptional)
                {
                    corpus.Add(($"{name} missing", url, token, Json(Mutate(template, path, null, remove: true))));
                    corpus.Add(($"{name} null", url, token, Json(Mutate(template, path, null))));
                }
                var kind = leaf?.GetValueKind();
                if (kind == JsonValueKind.String)
                {
                    corpus.Add(($"{name} as number", url, token, Json(Mutate(template, path, JsonValue.Create(12345)))));
                    corpus.Add(($"{name} as object", url, token, Json(Mutate(template, path, new JsonObject { ["x"] = 1 }))));
                    corpus.Add(($"{name} over-long", url, token, Json(Mutate(template, path, JsonValue.Create(new string('x', 100_000))))));
                    corpus.Add(($"{name} control characters", url, token, Json(Mutate(template, path, JsonValue.Create("a\u0000b\u0007")))));
                    if (!isOptional) corpus.Add(($"{name} blank", url, token, Json(Mutate(template, path, JsonValue.Create("   ")))));
                    if (name.EndsWith("nip", StringComparison.OrdinalIgnoreCase) || name == "lead")
                        foreach (var nip in new[] { "12345", "198502302010011001", "198503122010013001", "١٩٨٥٠٣١٢٢٠١٠٠١١٠٠١", "198503122010011000" })
                            corpus.Add(($"{name} invalid NIP {nip}", url, token, Json(Mutate(template, path, JsonValue.Create(nip)))));
                    if (name is "category" or "feasibility" or "result" || name.EndsWith("role") || name.EndsWith("severity"))
                        corpus.Add(($"{name} unknown value", url, token, Json(Mutate(template, path, JsonValue.Create("bogus-value")))));
                    if (name.Contains("date", StringComparison.OrdinalIgnoreCase) || name.StartsWith("schedule") || name.EndsWith("Due") || name.EndsWith("Start"))
                        foreach (var date in name.StartsWith("schedule") ? ["2026-13-01", "01/02/2026", "2026-02-30", "1999-01-01"] : new[] { "2026-13-01", "01/02/2026", "2026-02-30", "3000-01-01" })
                            corpus.Add(($"{name} date {date}", url, token, Json(Mutate(template, path, JsonValue.Create(date)))));
                }
                else if (kind == JsonValueKind.Number)
                {
                    foreach (var number in new[] { "-1", "100000", "1e309", "2147483648", "0.5", "\"5\"" })
                        corpus.Add(($"{name} = {number}", url, token, Json(Mutate(template, path, JsonNode.Parse(number)))));
                }
            }
        }
        // Schedules out of order and on a Sunday.
        var team = JsonSerializer.SerializeToNode(SystemDriver.Team())!;
        var swapped = team.DeepClone();
        (swapped["schedule"]!["executionDue"], swapped["schedule"]!["handoverDue"]) = (team["schedule"]!["handoverDue"]!.DeepClone(), team["schedule"]!["executionDue"]!.DeepClone());
        corpus.Add(("schedule out of order", targets[6].Url, D.Kasi, Json(swapped.ToJsonString())));
        // Attachments: disguised, empty, oversized, path-like names, unknown kinds, after registration.
        foreach (var (name, content, file, kind) in new (string, byte[], string, string)[]
                 {
                     ("renamed executable", [0x4D, 0x5A, 0x90, 0, 3, 0], "nota.pdf", "request-memo"),
                     ("html as pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "nota.pdf", "request-memo"),
                     ("empty file", [], "nota.pdf", "request-memo"),
                     ("zip that is no office file", [0x50, 0x4B, 3, 4, 0, 0], "laporan.docx", "other"),
                     ("unknown kind", Encoding.ASCII.GetBytes("%PDF-1.7"), "nota.pdf", "selfie"),
                     ("oversized", OversizedPdf(), "nota.pdf", "request-memo"),
                 })
            foreach (var fileName in new[] { file, "../../etc/" + file, "C:\\\\windows\\\\" + file, "\u202Egpj.exe" })
                corpus.Add(($"attachment: {name} as {Escape(fileName)}", $"{D.Intake}/requests/{analysed}/attachments", D.Opd, Upload(content, fileName, kind)));

        // Queries: every filter of every list with values it must refuse.
        var queries = new (string Url, string Token, string[] Parameters)[]
        {
            ($"{D.Intake}/requests", D.Auditor, ["status", "category", "from", "to", "page", "pageSize", "q"]),
            ($"{D.Assignment}/analyses", D.Kasi, ["status", "page", "pageSize"]),
            ($"{D.Delivery}/work-orders", D.Kasi, ["status", "assignee", "page", "pageSize"]),
            ($"{D.Reporting}/audit", D.Auditor, ["requestId", "type", "from", "to", "limit", "after", "actor"]),
            ($"{D.Reporting}/audit/export", D.Auditor, ["requestId", "type", "from", "to", "actor"]),
            ($"{D.Reporting}/audit/verify", D.Auditor, ["digest"]),
            ($"{D.Reporting}/sla/compliance?from=2026-01-01&to=2026-01-31", D.Kasi, ["groupBy", "from", "to"]),
            ($"{D.Reporting}/reports/monthly?year=2026&month=1", D.Kasi, ["year", "month"]),
            ($"{D.Reporting}/sla/overdue", D.Kasi, ["page", "pageSize"]),
        };
        var badValues = new[] { "-1", "0", "999999999999", "abc", "2026-13-45", "1e309", "%00", "' or 1=1 --", "\u202E", new string('x', 300), "5000", "not-a-uuid:zz" };
        var gets = new List<(string Name, string Url, string Token)>();
        foreach (var (url, token, parameters) in queries)
            foreach (var parameter in parameters)
                foreach (var value in badValues)
                {
                    // Values a filter may legitimately accept as text (searches, actors) are not "bad" for it.
                    if (parameter is "q" or "actor" && value.Length <= 200) continue;
                    if (parameter is "after" && value is "0" or "5000" or "999999999999") continue;
                    if (parameter is "page" && value is "5000" or "999999999999") continue;
                    if (parameter is "limit" && value is "0" or "-1" || parameter is "pageSize" && value is "0" or "-1" or "5000")
                    { gets.Add(($"{parameter}={value}", $"{url}{(url.Contains('?') ? '&' : '?')}{parameter}={Uri.EscapeDataString(value)}", token)); continue; }
                    if (parameter is "page" or "pageSize" or "limit" or "after" or "year" or "month" && int.TryParse(value, out var n) && n > 0 && value != "5000" && parameter != "month" && parameter != "year") continue;
                    gets.Add(($"{parameter}={value}", $"{url}{(url.Contains('?') ? '&' : '?')}{parameter}={Uri.EscapeDataString(value)}", token));
                }
        // A page far enough out that its offset, (page − 1) × pageSize, would overflow a 32-bit number.
        foreach (var url in queries.Where(q => q.Parameters.Contains("pageSize")).Select(q => (q.Url, q.Token)).Append(($"{D.Reporting}/notifications", D.Kasi)))
            gets.Add(("page=10737420&pageSize=200", $"{url.Item1}{(url.Item1.Contains('?') ? '&' : '?')}page=10737420&pageSize=200", url.Item2));
        // (A NUL in the path is refused by Kestrel itself with a bare 400 before any middleware runs; not in the corpus.)
        foreach (var id in new[] { "not-a-guid", "00000000-0000-0000-0000-000000000000", "..%2F..%2Fetc%2Fpasswd", "%20" })
            foreach (var url in new[] { $"{D.Intake}/requests/{id}", $"{D.Assignment}/analyses/{id}", $"{D.Delivery}/work-orders/{id}", $"{D.Reporting}/timelines/{id}", $"{D.Intake}/requests/{id}/history" })
                gets.Add(($"id {id}", url, D.Auditor is var a && url.Contains("analyses") || url.Contains("work-orders") ? D.Kasi : D.Auditor));

        output.WriteLine($"corpus: {corpus.Count} malformed commands, {gets.Count} malformed queries");
        (corpus.Count + gets.Count).ShouldBeGreaterThanOrEqualTo(1000);

        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        foreach (var (name, url, token, content) in corpus)
        {
            using var response = await system.Host.SendAsync(url.EndsWith("/requests/" + returned) ? HttpMethod.Put : HttpMethod.Post, url, token, content);
            var code = (int)response.StatusCode;
            statuses[code] = statuses.GetValueOrDefault(code) + 1;
            var type = response.Content.Headers.ContentType?.MediaType;
            if (code is < 400 or >= 500 || type != "application/problem+json")
            {
                var body = await response.Content.ReadAsStringAsync();
                failures.Add($"{url} {name}: {code} {type} {(body.Length > 200 ? body[..200] : body)}");
            }
        }
        foreach (var (name, url, token) in gets)
        {
            using var response = await system.Host.SendAsync(HttpMethod.Get, url, token);
            var code = (int)response.StatusCode;
            statuses[code] = statuses.GetValueOrDefault(code) + 1;
            var type = response.Content.Headers.ContentType?.MediaType;
            if (code is < 400 or >= 500 || type != "application/problem+json")
                failures.Add($"GET {url} ({name}): {code} {type}");
        }
        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        failures.ShouldBeEmpty(string.Join('\n', failures.Take(30)));
        (await Snapshot()).ShouldBe(before);
    }

    private static string Escape(string s) => JsonSerializer.Serialize(s.Length > 20 ? s[..20] : s);

    private static HttpContent Json(string text) => new StringContent(text, Encoding.UTF8, "application/json");

    private static HttpContent Upload(byte[] content, string fileName, string kind)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(kind), "kind");
        return form;
    }

    private static byte[] OversizedPdf()
    {
        var bytes = new byte[20 * 1024 * 1024 + 10];
        "%PDF-1.7"u8.ToArray().CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>Every leaf of a JSON document with its path (array items by index).</summary>
    private static IEnumerable<(string[] Path, JsonNode? Leaf)> Leaves(JsonNode node, string[]? prefix = null)
    {
        prefix ??= [];
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                    if ((value is JsonObject obj && obj.Count > 0) || (value is JsonArray arr && arr.Count > 0)) foreach (var leaf in Leaves(value!, [.. prefix, key])) yield return leaf;
                    else yield return ([.. prefix, key], value);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) foreach (var leaf in Leaves(a[i]!, [.. prefix, i.ToString()])) yield return leaf;
                break;
            default:
                yield return (prefix, node);
                break;
        }
    }

    private static string Mutate(JsonNode template, string[] path, JsonNode? value, bool remove = false)
    {
        var copy = template.DeepClone();
        JsonNode parent = copy;
        foreach (var part in path[..^1]) parent = parent is JsonArray arr ? arr[int.Parse(part)]! : parent[part]!;
        var last = path[^1];
        if (parent is JsonArray array)
        {
            if (remove) array.RemoveAt(int.Parse(last)); else array[int.Parse(last)] = value;
        }
        else if (remove) parent.AsObject().Remove(last);
        else parent[last] = value;
        return copy.ToJsonString();
    }
}
