using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Spbe.Hosting;

namespace Spbe.AppHost.Orchestration;

/// <summary>
/// Runs the declared resources: PostgreSQL first, then each service as its own process with Aspire's
/// environment conventions; waits for health, restarts what dies (with backoff), stops everything on
/// Ctrl+C or SIGTERM, and serves the operator dashboard.
/// </summary>
internal sealed class Orchestrator(DistributedApplicationBuilder builder, ILogger logger)
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(3) };
    private readonly List<LocalPostgres> _clusters = [];
    private DevelopmentTokens _tokens = null!;
    private string _solutionRoot = "";
    private string _buildConfiguration = "Debug";
    private string _targetFramework = "net10.0";

    public IReadOnlyList<Resource> Resources => [.. builder.Servers, .. builder.Projects];
    public IReadOnlyList<ProjectResource> Projects => builder.Projects;
    public DevelopmentTokens Tokens => _tokens;
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public async Task<int> RunAsync()
    {
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        var options = builder.Options;
        try
        {
            LocateBuildOutput();
            CheckPorts();
            var data = options.ResolveDataDirectory();
            Directory.CreateDirectory(data);
            _tokens = new DevelopmentTokens(LoadOrCreateSigningKey(data));

            await using var dashboard = await Dashboard.StartAsync(this, options.DashboardPort, builder.Configuration);
            foreach (var server in builder.Servers) await StartPostgresAsync(server, data);

            var supervisors = builder.Projects.Select(p => Task.Run(() => SuperviseAsync(p))).ToList();
            await WaitForHealthAsync();
            PrintStatus();
            Console.WriteLine($"Operator dashboard: http://localhost:{options.DashboardPort}   (Ctrl+C stops everything)");

            try { await Task.Delay(Timeout.Infinite, _stopping.Token); } catch (OperationCanceledException) { }
            Console.WriteLine("Stopping…");
            await Task.WhenAll(builder.Projects.Select(StopProjectAsync));
            await Task.WhenAll(supervisors);
            return 0;
        }
        catch (StartupException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            await Task.WhenAll(builder.Projects.Select(StopProjectAsync));
            return 1;
        }
        catch (LocalPostgresException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            await Task.WhenAll(builder.Projects.Select(StopProjectAsync));
            return 1;
        }
        finally
        {
            foreach (var cluster in _clusters) await cluster.StopAsync();
            foreach (var server in builder.Servers) server.State = ResourceState.Stopped;
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // we stop in order ourselves
        _stopping.Cancel();
    }

    private void LocateBuildOutput()
    {
        // bin/<Configuration>/<tfm>/ of the AppHost; the services were built beside it.
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        _targetFramework = baseDir.Name;
        _buildConfiguration = baseDir.Parent?.Name ?? "Debug";
        var dir = baseDir;
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Spbe.sln"))) dir = dir.Parent;
        _solutionRoot = dir?.FullName ?? throw new StartupException("Cannot find Spbe.sln above the AppHost's build output; run it from the repository.");
    }

    private void CheckPorts()
    {
        var wanted = builder.Projects.Select(p => (Name: p.Name, Port: p.Port)).ToList();
        wanted.Add(("dashboard", builder.Options.DashboardPort));
        if (builder.Configuration.GetConnectionString("spbe") is null) wanted.Add(("postgres", builder.Options.PostgresPort));
        var taken = wanted.Where(w => !LocalPostgres.IsPortFree(w.Port)).ToList();
        if (taken.Count > 0)
            throw new StartupException("port already in use: " + string.Join(", ", taken.Select(t => $"{t.Port} ({t.Name})")) +
                ". Stop what uses it, or choose other ports (AppHost__DashboardPort, AppHost__PostgresPort, AppHost__Ports__<service>).");
    }

    private static byte[] LoadOrCreateSigningKey(string data)
    {
        // Generated at the first run and kept with the data, so tokens survive restarts and no key is in the repository.
        var file = Path.Combine(data, "dev-signing-key");
        if (File.Exists(file)) return Convert.FromBase64String(File.ReadAllText(file).Trim());
        var key = DevelopmentTokens.NewKey();
        File.WriteAllText(file, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }

    private async Task StartPostgresAsync(PostgresResource server, string data)
    {
        var configured = builder.Configuration.GetConnectionString("spbe");
        server.State = ResourceState.Starting;
        if (configured is not null)
        {
            server.Address = "configured (ConnectionStrings__spbe)";
            foreach (var db in server.Databases) db.ConnectionString = configured;
        }
        else
        {
            var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions
            {
                Directory = Path.Combine(data, "postgres"),
                Port = builder.Options.PostgresPort,
            }, _stopping.Token);
            _clusters.Add(cluster);
            foreach (var db in server.Databases)
            {
                await cluster.CreateDatabaseAsync(db.Name, _stopping.Token);
                db.ConnectionString = cluster.ConnectionString(db.Name);
            }
            server.Address = $"127.0.0.1:{cluster.Port} (data in {cluster.DataDirectory})";
            server.Log.Add($"PostgreSQL started from {cluster.DataDirectory}");
        }
        server.State = ResourceState.Running;
        server.Health = "Healthy";
        server.StartedAt = DateTimeOffset.UtcNow;
    }

    private async Task SuperviseAsync(ProjectResource project)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!_stopping.IsCancellationRequested)
        {
            var started = DateTimeOffset.UtcNow;
            try
            {
                StartProject(project);
                // The first start is watched once the AppHost has seen every service healthy; a restart at once.
                if (project.Restarts > 0) _ = WatchHealthAsync(project);
                await project.Process!.WaitForExitAsync(_stopping.Token);
            }
            catch (OperationCanceledException) { return; }
            catch (StartupException e)
            {
                project.State = ResourceState.Failed;
                logger.LogError("{Service} cannot start: {Reason}", project.Name, e.Message);
                return;
            }

            if (_stopping.IsCancellationRequested) return;
            var code = project.Process.ExitCode;
            project.State = ResourceState.Exited;
            project.Health = null;
            logger.LogWarning("{Service} exited with code {Code}; restarting in {Delay}s. Last lines:\n{Tail}",
                project.Name, code, backoff.TotalSeconds, project.Log.Tail(15));
            // A service that ran a while gets a fresh backoff; one that dies at once backs off further.
            backoff = DateTimeOffset.UtcNow - started > TimeSpan.FromMinutes(1) ? TimeSpan.FromSeconds(1) : backoff;
            try { await Task.Delay(backoff, _stopping.Token); } catch (OperationCanceledException) { return; }
            backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 30));
            project.Restarts++;
            project.State = ResourceState.Restarting;
        }
    }

    private void StartProject(ProjectResource project)
    {
        var dll = Path.Combine(_solutionRoot, "src", project.ProjectDirectory, "bin", _buildConfiguration, _targetFramework, $"Spbe.{project.ProjectDirectory}.dll");
        if (!File.Exists(dll)) throw new StartupException($"{dll} is missing; build the solution (dotnet build Spbe.sln) or run the AppHost with dotnet run.");

        var psi = new ProcessStartInfo("dotnet") { ArgumentList = { dll }, WorkingDirectory = Path.GetDirectoryName(dll)!, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in EnvironmentFor(project)) psi.Environment[key] = value;

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) project.Log.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) project.Log.Add(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        project.Process = process;
        project.ProcessId = process.Id;
        project.StartedAt = DateTimeOffset.UtcNow;
        project.Address = project.Url;
        if (project.State != ResourceState.Restarting) project.State = ResourceState.Starting;
    }

    /// <summary>Aspire's conventions: connection strings, service addresses, telemetry, plus the development identity.</summary>
    public IEnumerable<KeyValuePair<string, string>> EnvironmentFor(ProjectResource project)
    {
        yield return new("ASPNETCORE_URLS", project.Url);
        yield return new("ASPNETCORE_ENVIRONMENT", "Development");
        yield return new("OTEL_SERVICE_NAME", project.Name);
        if (builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } otlp) yield return new("OTEL_EXPORTER_OTLP_ENDPOINT", otlp);
        foreach (var reference in project.References)
            foreach (var pair in reference.Environment()) yield return pair;
        foreach (var (key, value) in _tokens.ServiceSettings()) yield return new(key.Replace(":", "__"), value);
        // Everything else under Services__<name>__… in the AppHost's configuration is passed through (e.g. Calendar days).
        foreach (var pair in builder.Configuration.GetSection($"Services:{project.Name}").AsEnumerable(makePathsRelative: true))
            if (pair.Value is not null) yield return new(pair.Key.Replace(":", "__"), pair.Value);
    }

    private async Task WaitForHealthAsync()
    {
        var deadline = DateTimeOffset.UtcNow + builder.Options.StartTimeout;
        foreach (var project in builder.Projects)
        {
            while (!await IsHealthyAsync(project))
            {
                if (project.State == ResourceState.Failed)
                    throw new StartupException($"{project.Name} failed to start.");
                if (DateTimeOffset.UtcNow > deadline)
                    throw new StartupException($"{project.Name} did not become healthy within {builder.Options.StartTimeout.TotalSeconds:0}s. Last lines of its log:\n{project.Log.Tail(25)}");
                await Task.Delay(200, _stopping.Token);
            }
            project.State = ResourceState.Running;
            project.Health = "Healthy";
            logger.LogInformation("{Service} healthy at {Url}", project.Name, project.Url);
            _ = WatchHealthAsync(project);
        }
    }

    private async Task WatchHealthAsync(ProjectResource project)
    {
        var pid = project.ProcessId;
        while (!_stopping.IsCancellationRequested && project.ProcessId == pid)
        {
            var healthy = await IsHealthyAsync(project);
            if (project.ProcessId != pid) return;
            if (healthy) { project.State = ResourceState.Running; project.Health = "Healthy"; }
            else if (project.State == ResourceState.Running) { project.State = ResourceState.Unhealthy; project.Health = "Unhealthy"; }
            try { await Task.Delay(2000, _stopping.Token); } catch (OperationCanceledException) { return; }
        }
    }

    private async Task<bool> IsHealthyAsync(ProjectResource project)
    {
        try { return (await _http.GetAsync($"{project.Url}/health", _stopping.Token)).IsSuccessStatusCode; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
    }

    private async Task StopProjectAsync(ProjectResource project)
    {
        var process = project.Process;
        if (process is null || process.HasExited) { project.State = ResourceState.Stopped; return; }
        // SIGTERM first, so the service drains its work; then the whole tree if it does not stop in time.
        _ = Kill(process.Id, 15);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
        project.State = ResourceState.Stopped;
        project.Health = null;
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    private void PrintStatus()
    {
        Console.WriteLine();
        Console.WriteLine($"{"resource",-12} {"state",-10} {"health",-9} {"pid",-8} address");
        foreach (var r in Resources)
            Console.WriteLine($"{r.Name,-12} {r.State,-10} {r.Health ?? "-",-9} {r.ProcessId?.ToString() ?? "-",-8} {r.Address}");
        Console.WriteLine();
    }
}

/// <summary>A start-up problem with a message for the operator, not a stack trace.</summary>
internal sealed class StartupException(string message) : Exception(message);
