using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spbe.Contracts;
using Spbe.Hosting;

namespace Spbe.AppHost.Orchestration;

/// <summary>
/// The operator dashboard: every resource with its state, health, address, process, restarts and
/// uptime; each one's live console log; each service's messaging health and dead letters (with a
/// replay button); and the development token issuer (<c>POST /dev/token</c>).
/// </summary>
internal sealed class Dashboard : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Dashboard(WebApplication app) => _app = app;

    public sealed record TokenBody(string? Sub, string? Name, string[]? Roles, string? Opd, string? Nip);

    public static async Task<Dashboard> StartAsync(Orchestrator orchestrator, int port, IConfiguration configuration)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://localhost:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        using var http = new HttpClient();

        app.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8"));

        app.MapGet("/api/resources", () => orchestrator.Resources.Select(r => new
        {
            name = r.Name,
            kind = r is ProjectResource ? "service" : "postgres",
            state = r.State.ToString(),
            health = r.Health,
            address = r.Address,
            pid = r.ProcessId,
            restarts = r.Restarts,
            uptimeSeconds = r.StartedAt is { } s && r.State is ResourceState.Running or ResourceState.Unhealthy ? (int)(DateTimeOffset.UtcNow - s).TotalSeconds : (int?)null,
        }));

        app.MapGet("/api/resources/{name}/logs", (string name, long? after) =>
            orchestrator.Resources.FirstOrDefault(r => r.Name == name) is { } r
                ? Results.Ok(r.Log.Since(after ?? 0).Select(l => new { seq = l.Seq, line = l.Line }))
                : Results.NotFound());

        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        string OperatorToken() => orchestrator.Tokens.Mint(new TokenRequest("apphost-dashboard", "AppHost dashboard", [Roles.Operator]), TimeSpan.FromMinutes(5));

        app.MapGet("/api/resources/{name}/messaging", async (string name) =>
        {
            if (orchestrator.Projects.FirstOrDefault(p => p.Name == name) is not { } project) return Results.NotFound();
            try
            {
                var health = await GetJson(client, $"{project.Url}/ops/messaging", OperatorToken());
                var dead = await GetJson(client, $"{project.Url}/ops/dead-letters", OperatorToken());
                return Results.Ok(new { health, deadLetters = dead });
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return Results.Ok(new { error = $"{name} does not answer: {e.Message}" });
            }
        });

        app.MapPost("/api/resources/{name}/dead-letters/{id:guid}/replay", async (string name, Guid id) =>
        {
            if (orchestrator.Projects.FirstOrDefault(p => p.Name == name) is not { } project) return Results.NotFound();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{project.Url}/ops/dead-letters/{id}/replay");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken());
            var response = await client.SendAsync(request);
            return Results.StatusCode((int)response.StatusCode);
        });

        // The development identity of API.md. It exists only in the AppHost, which is development only.
        app.MapPost("/dev/token", (TokenBody? body) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(body?.Sub)) errors["sub"] = ["Required."];
            if (body?.Roles is not { Length: > 0 }) errors["roles"] = ["At least one role."];
            else if (body.Roles.FirstOrDefault(r => !Roles.IsKnown(r)) is { } unknown) errors["roles"] = [$"Unknown role '{unknown}'; one of: {string.Join(", ", Roles.All)}."];
            if (body?.Roles?.Contains(Roles.Opd) == true && !OpdCode.IsValid(body.Opd is null ? null : OpdCode.Normalize(body.Opd))) errors["opd"] = ["An opd user needs a valid OPD code."];
            if (body?.Nip is not null && !Nip.IsValid(body.Nip, out var why)) errors["nip"] = [why];
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            var token = orchestrator.Tokens.Mint(new TokenRequest(body!.Sub!, body.Name ?? body.Sub!, body.Roles!,
                body.Opd is null ? null : OpdCode.Normalize(body.Opd), body.Nip));
            return Results.Ok(new { access_token = token, token_type = "Bearer", expires_in = 8 * 3600 });
        });

        try { await app.StartAsync(); }
        catch (IOException e) { throw new StartupException($"the dashboard cannot listen on port {port}: {e.Message}"); }
        return new Dashboard(app);
    }

    private static async Task<JsonElement> GetJson(HttpClient client, string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private const string Page = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Spbe — operator dashboard</title>
        <style>
          body { font: 14px system-ui, sans-serif; margin: 1.5rem; color: #1b1f24; }
          table { border-collapse: collapse; margin-bottom: 1rem; } th, td { padding: .3rem .7rem; border-bottom: 1px solid #ddd; text-align: left; }
          .Running { color: #1a7f37; } .Unhealthy, .Exited, .Failed { color: #cf222e; } .Starting, .Restarting, .Pending { color: #9a6700; }
          pre { background: #0d1117; color: #e6edf3; padding: .6rem; height: 18rem; overflow: auto; font-size: 12px; }
          button { cursor: pointer; }
        </style></head>
        <body>
        <h1>Spbe — operator dashboard</h1>
        <table id="resources"><thead><tr><th>resource</th><th>state</th><th>health</th><th>address</th><th>pid</th><th>restarts</th><th>uptime</th><th></th></tr></thead><tbody></tbody></table>
        <h2 id="selected-title">Select a resource</h2>
        <div id="messaging"></div>
        <pre id="log"></pre>
        <script>
        let selected = null, after = 0;
        function cell(text, cls) { const td = document.createElement('td'); td.textContent = text ?? '-'; if (cls) td.className = cls; return td; }
        async function refresh() {
          const resources = await (await fetch('/api/resources')).json();
          const body = document.querySelector('#resources tbody'); body.replaceChildren();
          for (const r of resources) {
            const tr = document.createElement('tr'); tr.dataset.name = r.name; tr.dataset.health = r.health ?? '';
            tr.append(cell(r.name), cell(r.state, r.state), cell(r.health), cell(r.address), cell(r.pid), cell(r.restarts), cell(r.uptimeSeconds == null ? '-' : r.uptimeSeconds + ' s'));
            const td = document.createElement('td'); const b = document.createElement('button'); b.textContent = 'logs & messaging';
            b.onclick = () => { selected = r; after = 0; document.getElementById('log').textContent = ''; document.getElementById('selected-title').textContent = r.name; messaging(); };
            td.append(b); tr.append(td); body.append(tr);
          }
        }
        async function logs() {
          if (!selected) return;
          const lines = await (await fetch(`/api/resources/${selected.name}/logs?after=${after}`)).json();
          const pre = document.getElementById('log');
          for (const l of lines) { pre.textContent += l.line + '\n'; after = l.seq; }
          if (lines.length) pre.scrollTop = pre.scrollHeight;
        }
        async function messaging() {
          const div = document.getElementById('messaging'); div.replaceChildren();
          if (!selected || selected.kind !== 'service') return;
          const m = await (await fetch(`/api/resources/${selected.name}/messaging`)).json();
          if (m.error) { div.textContent = m.error; return; }
          const h = m.health;
          div.append(Object.assign(document.createElement('p'), { textContent: `incoming ${h.incoming} · scheduled ${h.scheduled} · outgoing ${h.outgoing} · dead letters ${h.deadLetters}` }));
          const t = document.createElement('table');
          for (const d of m.deadLetters) {
            const tr = document.createElement('tr'); tr.append(cell(d.messageType), cell(d.exceptionType), cell(d.exceptionMessage), cell(d.sentAt));
            const b = document.createElement('button'); b.textContent = d.replayable ? 'replaying' : 'replay'; b.disabled = d.replayable;
            b.onclick = async () => { await fetch(`/api/resources/${selected.name}/dead-letters/${d.id}/replay`, { method: 'POST' }); messaging(); };
            const td = document.createElement('td'); td.append(b); tr.append(td); t.append(tr);
          }
          div.append(t);
        }
        refresh(); setInterval(refresh, 1000); setInterval(logs, 1000); setInterval(messaging, 5000);
        </script></body></html>
        """;
}
