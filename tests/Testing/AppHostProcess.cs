using System.Diagnostics;
using Spbe.Hosting;

namespace Spbe.Testing;

/// <summary>
/// The AppHost started as a real process, as `dotnet run --project src/AppHost` runs it (DCP, the Aspire
/// dashboard, every resource), on free ports and a data directory of its own. For what only a real run
/// shows: the dashboard, the stop of every process, start-up time and memory.
/// </summary>
public sealed class AppHostProcess : RunningSystem
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Dictionary<string, int> _ports;
    private bool _ownsData;

    private AppHostProcess(Process process, Dictionary<string, int> ports, int dashboardPort)
    {
        _process = process;
        _ports = ports;
        DashboardPort = dashboardPort;
    }

    public int DashboardPort { get; }
    public string Dashboard => $"http://localhost:{DashboardPort}";
    public int Pid => _process.Id;
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    public override string Url(string resource) => $"http://localhost:{_ports[resource]}";

    /// <summary>Aspire's orchestrator (DCP) runs detached from the AppHost and watches it; the resources are its children.</summary>
    public int? OrchestratorPid => ProcessTree.All().Select(p => (int?)p.Pid)
        .FirstOrDefault(pid => ProcessTree.CommandLine(pid!.Value) is var cmd && cmd.Contains("dcp start-apiserver") && cmd.Contains($"--monitor {Pid} "));

    /// <summary>Every process of the running system: the AppHost, DCP and everything DCP started.</summary>
    public IReadOnlyList<int> AllPids() =>
        [.. ProcessTree.Descendants(Pid), .. OrchestratorPid is { } dcp ? ProcessTree.Descendants(dcp) : []];

    public override IReadOnlyList<int> ServicePids(string service) =>
        OrchestratorPid is { } dcp ? ProcessTree.Programs(dcp, "Spbe." + char.ToUpperInvariant(service[0]) + service[1..]) : [];

    private readonly Dictionary<string, string> _health = new();

    public override async Task<bool> AllHealthyAsync()
    {
        var all = true;
        // The resources with a /health; the mail catcher has a web view and an SMTP port, neither of which says "Healthy".
        foreach (var resource in _ports.Keys.Where(r => !r.StartsWith("mail", StringComparison.Ordinal)))
        {
            try
            {
                using var response = await Http.GetAsync($"{Url(resource)}/health");
                var body = await response.Content.ReadAsStringAsync();
                _health[resource] = $"{(int)response.StatusCode} {body}";
                all &= response.IsSuccessStatusCode && body.Contains("Healthy");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                _health[resource] = e.Message;
                all = false;
            }
        }
        return all;
    }

    protected override string? Failure => _process.HasExited ? $"The AppHost exited ({_process.ExitCode}):\n{Output}" : null;
    public override string Diagnostics() =>
        $"Health: {string.Join("; ", _health.Select(h => $"{h.Key} {h.Value}"))}\nProcesses: {string.Join("; ", AllPids().Select(ProcessTree.CommandLine))}\nAppHost output:\n{Output}" +
        $"\nPostgreSQL's log, the last lines:\n{PostgresLogTail()}";

    /// <param name="dataDirectory">A data directory to use (a second start over the same data); a new one by default.</param>
    /// <param name="postgresPort">The embedded server's port (a second start on the same port); a free one by default.</param>
    public static async Task<AppHostProcess> StartAsync(string? dataDirectory = null, int? postgresPort = null, params string[] extraArguments)
    {
        var root = FindRoot();
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var dll = Path.Combine(root, "src", "AppHost", "bin", testBin.Parent!.Name, testBin.Name, "Spbe.AppHost.dll");
        var data = dataDirectory ?? Path.Combine(Path.GetTempPath(), $"spbe-apphost-test-{Guid.NewGuid():N}");
        var ports = ((string[])["identity", "portal", "mail", "mail-smtp", .. Services]).ToDictionary(s => s, _ => LocalPorts.Free());
        var dashboard = LocalPorts.Free();
        var pgPort = postgresPort ?? LocalPorts.Free();

        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add($"--AppHost:DataDirectory={data}");
        foreach (var (resource, port) in ports) psi.ArgumentList.Add($"--AppHost:Ports:{resource}={port}");
        psi.ArgumentList.Add($"--AppHost:PostgresPort={pgPort}");
        foreach (var argument in extraArguments) psi.ArgumentList.Add(argument);
        // Only what a shell gives `dotnet run`: nothing of another Aspire app or of the test host may reach this one.
        var inherited = new[] { "PATH", "HOME", "USER", "LANG", "TMPDIR", "DOTNET_ROOT", "DOTNET_CLI_HOME", "NUGET_PACKAGES", "SPBE_PG_BIN" }
            .Select(k => (k, Environment.GetEnvironmentVariable(k))).Where(p => p.Item2 is not null).ToList();
        psi.Environment.Clear();
        foreach (var (key, value) in inherited) psi.Environment[key] = value;
        // What the launch profile gives `dotnet run`, on free ports; the dashboard open without its login token (a test machine).
        psi.Environment["DOTNET_ENVIRONMENT"] = "Development";
        psi.Environment["ASPNETCORE_URLS"] = $"http://localhost:{dashboard}";
        psi.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{LocalPorts.Free()}";
        psi.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{LocalPorts.Free()}";
        psi.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        psi.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";

        var stopwatch = Stopwatch.StartNew();
        var process = Process.Start(psi)!;
        var host = new AppHostProcess(process, ports, dashboard) { DataDirectory = data, PostgresPort = pgPort, _ownsData = dataDirectory is null };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (host._output) host._output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (host._output) host._output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await host.WaitUntilAsync(host.AllHealthyAsync, TimeSpan.FromSeconds(180), "every resource healthy");
        host.TimeToHealthy = stopwatch.Elapsed;
        return host;
    }

    /// <summary>Stops the AppHost as Ctrl+C would (SIGTERM) and waits for it to exit.</summary>
    public async Task<int> StopAsync()
    {
        if (_process.HasExited) return _process.ExitCode;
        ProcessTree.Signal(_process.Id, ProcessTree.SigTerm);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>
    /// The warnings and errors every process logged (the dashboard's structured logs, its telemetry API): what a failed
    /// browser step cannot show, e.g. the exception behind the portal's error page.
    /// </summary>
    public async Task<string> LoggedProblemsAsync()
    {
        try
        {
            var logs = System.Text.Json.Nodes.JsonNode.Parse(await Http.GetStringAsync($"{Dashboard}/api/telemetry/logs"));
            var lines = logs!["data"]!["resourceLogs"]!.AsArray().SelectMany(r =>
            {
                var service = OtlpAttribute(r!["resource"], "service.name");
                return r["scopeLogs"]!.AsArray().SelectMany(s => s!["logRecords"]!.AsArray())
                    .Where(l => (l!["severityNumber"]?.GetValue<int>() ?? 0) >= 13) // WARN and above
                    .Select(l => $"{service} {l!["severityText"]}: {l["body"]?["stringValue"]}" +
                                 (OtlpAttribute(l, "exception.message") is { } m ? $" ({m})" : ""));
            }).ToList();
            return lines.Count == 0 ? "(none)" : string.Join('\n', lines.TakeLast(40));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException or NullReferenceException)
        {
            return $"(the dashboard's logs could not be read: {e.Message})";
        }
    }

    /// <summary>A string attribute of an OTLP JSON item (a resource, a span, a log record), or null.</summary>
    public static string? OtlpAttribute(System.Text.Json.Nodes.JsonNode? item, string key) =>
        item?["attributes"]?.AsArray().FirstOrDefault(a => a!["key"]!.GetValue<string>() == key)?["value"]?["stringValue"]?.GetValue<string>();

    /// <summary>Kills the AppHost as an operator's `kill -9` or a crash would: no chance to stop anything.</summary>
    public void Kill() => ProcessTree.Signal(_process.Id, ProcessTree.SigKill);

    public async Task RemoveDataAsync() => await RemoveDataAsync(DataDirectory);

    /// <summary>Removes a data directory the AppHost used (its cluster stopped if it still runs).</summary>
    public static async Task RemoveDataAsync(string dataDirectory)
    {
        await LocalPostgres.RemoveAsync(Path.Combine(dataDirectory, "postgres"));
        try { Directory.Delete(dataDirectory, recursive: true); }
        catch (DirectoryNotFoundException) { }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* in use; a later run may remove it */ }
    }

    public override async ValueTask DisposeAsync()
    {
        var pids = AllPids();
        try { await StopAsync(); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        // DCP finishes stopping what it started a few seconds after the AppHost exits.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (pids.Any(ProcessTree.IsRunning) && DateTime.UtcNow < deadline) await Task.Delay(200);
        foreach (var pid in pids.Where(ProcessTree.IsRunning)) ProcessTree.Signal(pid, ProcessTree.SigKill);
        if (_ownsData) await RemoveDataAsync();
        Http.Dispose();
    }

    public static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Spbe.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Spbe.sln not found above the test output.");
    }
}
