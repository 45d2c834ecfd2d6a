using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spbe.Hosting;

namespace Spbe.Testing;

/// <summary>
/// The AppHost started as a real process, exactly as `dotnet run --project src/AppHost` runs it, on free
/// ports and a data directory of its own; talks to it over HTTP like the portal would.
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    public string DataDirectory { get; }
    public int DashboardPort { get; }
    public int PostgresPort { get; private init; }

    /// <summary>The embedded server's database, for baselines and checks from outside the services.</summary>
    public string DatabaseConnectionString => $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Database=spbe;Maximum Pool Size=50";
    public Dictionary<string, int> Ports { get; }
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };
    public TimeSpan TimeToHealthy { get; private set; }

    private AppHostProcess(Process process, string data, int dashboard, Dictionary<string, int> ports)
    {
        _process = process;
        DataDirectory = data;
        DashboardPort = dashboard;
        Ports = ports;
    }

    public string Output { get { lock (_output) return string.Join('\n', _output); } }
    public string Dashboard => $"http://localhost:{DashboardPort}";
    public string Url(string service) => $"http://localhost:{Ports[service]}";

    public static async Task<AppHostProcess> StartAsync(params string[] extraArguments)
    {
        var root = FindRoot();
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var dll = Path.Combine(root, "src", "AppHost", "bin", testBin.Parent!.Name, testBin.Name, "Spbe.AppHost.dll");
        var data = Path.Combine(Path.GetTempPath(), $"spbe-apphost-test-{Guid.NewGuid():N}");
        var ports = new[] { "intake", "assignment", "delivery", "reporting" }.ToDictionary(s => s, _ => LocalPostgres.FreePort());
        var dashboard = LocalPostgres.FreePort();
        var postgresPort = LocalPostgres.FreePort();

        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add($"--AppHost:DataDirectory={data}");
        psi.ArgumentList.Add($"--AppHost:DashboardPort={dashboard}");
        foreach (var (service, port) in ports) psi.ArgumentList.Add($"--AppHost:Ports:{service}={port}");
        psi.ArgumentList.Add($"--AppHost:PostgresPort={postgresPort}");
        foreach (var argument in extraArguments) psi.ArgumentList.Add(argument);
        // The tests' own database setting must not leak into the system under test.
        psi.Environment.Remove("ConnectionStrings__spbe");

        var stopwatch = Stopwatch.StartNew();
        var process = Process.Start(psi)!;
        var host = new AppHostProcess(process, data, dashboard, ports) { PostgresPort = postgresPort };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (host._output) host._output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (host._output) host._output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await host.WaitUntilAsync(async () => await host.ResourcesAsync() is { Count: 5 } all && all.All(r => r!["health"]?.GetValue<string>() == "Healthy"),
            TimeSpan.FromSeconds(120), "all resources healthy");
        host.TimeToHealthy = stopwatch.Elapsed;
        return host;
    }

    public async Task<JsonArray> ResourcesAsync()
    {
        try { return (await Http.GetFromJsonAsync<JsonArray>($"{Dashboard}/api/resources"))!; }
        catch (HttpRequestException) { return []; }
    }

    public async Task<JsonObject> ResourceAsync(string name) =>
        (JsonObject)(await ResourcesAsync()).First(r => r!["name"]!.GetValue<string>() == name)!;

    public async Task<string> TokenAsync(object who)
    {
        var response = await Http.PostAsJsonAsync($"{Dashboard}/dev/token", who);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
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
            return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
        }
        catch (HttpRequestException) { return null; }
    }

    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (_process.HasExited) throw new InvalidOperationException($"The AppHost exited ({_process.ExitCode}) while waiting for {what}:\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {timeout.TotalSeconds}s for {what}. AppHost output:\n{Output}");
            await Task.Delay(100);
        }
    }

    [DllImport("libc", EntryPoint = "kill")]
    public static extern int Signal(int pid, int signal);

    /// <summary>Stops the AppHost as Ctrl+C would (SIGTERM) and waits for it to exit.</summary>
    public async Task<int> StopAsync()
    {
        if (_process.HasExited) return _process.ExitCode;
        Signal(_process.Id, 15);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public int Pid => _process.Id;

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); } catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        await LocalPostgres.RemoveAsync(DataDirectory);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Spbe.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Spbe.sln not found above the test output.");
    }

    /// <summary>Alive, and not a zombie waiting to be reaped (the sandbox's init may be slow to reap orphans).</summary>
    public static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return false;
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException) { return false; }
    }

    public static string Describe(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ') + " / " + File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return "(gone)"; }
    }
}
