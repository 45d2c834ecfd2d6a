using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Spbe.Testing;

/// <summary>
/// The whole system as its users reach it, however it was started (Aspire.Hosting.Testing, or the
/// AppHost as a real process): service addresses, tokens from the identity provider, plain HTTP.
/// </summary>
public abstract partial class RunningSystem : IAsyncDisposable
{
    public static readonly string[] Services = ["intake", "assignment", "delivery", "reporting"];

    public HttpClient Http { get; init; } = new() { Timeout = TimeSpan.FromSeconds(30) };
    public required string DataDirectory { get; init; }
    public required int PostgresPort { get; init; }
    public TimeSpan TimeToHealthy { get; protected set; }

    /// <summary>The superuser's connection, with the password the AppHost generated into the data directory (as a developer would use it).</summary>
    public string DatabaseConnectionString =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Password={File.ReadAllText(Path.Combine(DataDirectory, "postgres-password-postgres")).Trim()};Database=spbe;Maximum Pool Size=50";

    /// <summary>The base address of a resource's HTTP endpoint (<c>identity</c>, <c>intake</c>, …).</summary>
    public abstract string Url(string resource);

    /// <summary>Every process of the service's application (one per replica), not the launcher around it.</summary>
    public abstract IReadOnlyList<int> ServicePids(string service);

    public abstract Task<bool> AllHealthyAsync();

    /// <summary>Why waiting makes no sense any more (the AppHost died), or null.</summary>
    protected abstract string? Failure { get; }

    /// <summary>A token for the person described, from the system's identity provider (in development, its development grant, as scripts use it).</summary>
    public virtual async Task<string> TokenAsync(string sub, string name, string role, string? opd = null, string? nip = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["grant_type"] = Spbe.Identity.IssuingTokens.DevelopmentGrant.Type, ["client_id"] = "spbe-dev", ["sub"] = sub, ["name"] = name, ["role"] = role,
        };
        if (opd is not null) fields["opd"] = opd;
        if (nip is not null) fields["nip"] = nip;
        // As any client of a provider whose database may be restarting: a 503 is tried again after its Retry-After.
        for (var attempt = 1; ; attempt++)
        {
            using var response = await Http.PostAsync($"{Url("identity")}/connect/token", new FormUrlEncodedContent(fields));
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode) return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == 10)
                throw new InvalidOperationException($"No token for {sub}: {(int)response.StatusCode} {body}");
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request);
    }

    /// <summary>The JSON of a GET, or null when it is not a success or the service is not answering (being restarted).</summary>
    public async Task<JsonNode?> GetAsync(string url, string token)
    {
        try
        {
            using var response = await SendAsync(HttpMethod.Get, url, token);
            if (response.IsSuccessStatusCode) return JsonNode.Parse(await response.Content.ReadAsStringAsync());
            LastFailedRead = $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            LastFailedRead = $"GET {url}: {e.GetType().Name} {e.Message}";
            return null;
        }
    }

    /// <summary>The last GET that gave no JSON and why, for a test that waited in vain to say what it saw.</summary>
    public string? LastFailedRead { get; private set; }

    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<Task<string>>? more = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (Failure is { } failure) throw new InvalidOperationException($"{failure} (while waiting for {what})");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {timeout.TotalSeconds}s for {what}.\n{Diagnostics()}\n{(more is null ? "" : await more())}");
            await Task.Delay(100);
        }
    }

    /// <summary>What a test that waited in vain should print: the state of every resource, the database's last log lines.</summary>
    public virtual string Diagnostics() => "";

    /// <summary>The last lines of the embedded PostgreSQL's log (its logging collector writes under the cluster's <c>data/log</c>).</summary>
    protected string PostgresLogTail()
    {
        try
        {
            var newest = new DirectoryInfo(Path.Combine(DataDirectory, "postgres", "data", "log")).GetFiles().MaxBy(f => f.LastWriteTimeUtc);
            // The server's own lines (start, shutdown requests, checkpoints, recovery), not the refusals of the clients
            // that keep knocking while it goes down, which would otherwise fill the tail.
            return newest is null ? "(no log)" : string.Join('\n', File.ReadLines(newest.FullName)
                .Where(l => !l.Contains("FATAL:  the database system is ") && !l.Contains("terminating connection due to administrator command"))
                .TakeLast(25));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return $"(no log: {e.Message})"; }
    }

    public abstract ValueTask DisposeAsync();
}
