using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spbe.Hosting;
using Shouldly;
using Spbe.Testing;

namespace Spbe.System.Tests;

/// <summary>
/// The system started from the AppHost's own model through Aspire.Hosting.Testing: the same resources,
/// processes and PostgreSQL as `dotnet run --project src/AppHost`, without the dashboard, on free ports
/// and a data directory of its own.
/// </summary>
public sealed class AspireSystem : RunningSystem
{
    private readonly DistributedApplication _app;
    private readonly ConcurrentDictionary<string, ResourceEvent> _latest = new();
    private readonly CancellationTokenSource _stop = new();

    private AspireSystem(DistributedApplication app) => _app = app;

    public DistributedApplication App => _app;

    public static async Task<AspireSystem> StartAsync(params string[] arguments)
    {
        var data = Path.Combine(Path.GetTempPath(), $"spbe-aspire-test-{Guid.NewGuid():N}");
        var postgresPort = LocalPorts.Free();
        string[] args =
        [
            $"--AppHost:DataDirectory={data}", $"--AppHost:PostgresPort={postgresPort}",
            // The embedded server, whatever database setting the machine running the tests has.
            "--ConnectionStrings:spbe=",
            .. ((string[])["identity", "portal", "mail", "mail-smtp", .. Services]).Select(r => $"--AppHost:Ports:{r}={LocalPorts.Free()}"),
            .. arguments,
        ];
        var clock = global::System.Diagnostics.Stopwatch.StartNew();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(args);
        // Each resource's console goes to the test host's log; warnings are what a failing test needs.
        builder.Services.AddLogging(logging => logging.AddFilter("Spbe.AppHost.Resources", LogLevel.Warning).AddFilter("Aspire", LogLevel.Warning));
        var app = await builder.BuildAsync();
        var system = new AspireSystem(app) { DataDirectory = data, PostgresPort = postgresPort };
        _ = system.FollowAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await app.StartAsync(timeout.Token);
        try
        {
            foreach (var resource in (string[])["identity", "portal", .. Services])
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
        catch (Exception e) when (e is DistributedApplicationException or OperationCanceledException)
        {
            // Which resource did not come up (a migration step's exit code, say), before the system is thrown away.
            var diagnostics = system.Diagnostics();
            await system.DisposeAsync();
            throw new InvalidOperationException($"{e.Message}\n{diagnostics}", e);
        }
        system.TimeToHealthy = clock.Elapsed;
        return system;
    }

    // The latest state of every resource instance (replicas each have their own).
    private async Task FollowAsync()
    {
        try
        {
            await foreach (var e in _app.ResourceNotifications.WatchAsync(_stop.Token)) _latest[e.ResourceId] = e;
        }
        catch (OperationCanceledException) { }
    }

    public IEnumerable<ResourceEvent> Instances(string resource) => _latest.Values.Where(e => e.Resource.Name == resource);

    public override string Url(string resource) => _app.GetEndpoint(resource, "http").ToString().TrimEnd('/');

    public override IReadOnlyList<int> ServicePids(string service) =>
        Instances(service)
            .Select(e => e.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value)
            .OfType<object>().Select(v => Convert.ToInt32(v, global::System.Globalization.CultureInfo.InvariantCulture))
            // The AppHost starts the built executable, so the resource's process is the service (under a `dotnet run`
            // launcher, as DCP starts a project without one, the service is its child).
            .SelectMany(pid => ProcessTree.Descendants(pid).Where(p => ProcessTree.CommandLine(p).Contains("/Spbe.")))
            .ToList();

    public override Task<bool> AllHealthyAsync() => Task.FromResult(((string[])["identity", "portal", .. Services]).All(name =>
        Instances(name).ToList() is { Count: > 0 } all && all.All(e => e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                                                                       && e.Snapshot.State?.Text == KnownResourceStates.Running)));

    public int Restarts(string service) => Instances(service)
        .Sum(e => Convert.ToInt32(e.Snapshot.Properties.FirstOrDefault(p => p.Name == "spbe.restarts")?.Value ?? 0, global::System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Runs one of a resource's commands, as an operator would from the dashboard.</summary>
    public async Task<ExecuteCommandResult> CommandAsync(string resource, string command) =>
        await _app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command);

    /// <summary>
    /// Runs a resource command and waits until the resource is in the state the command leads to (Running and healthy,
    /// or stopped): the command's own answer only says the request was accepted.
    /// </summary>
    public async Task CommandAndWaitAsync(string resource, string command, Xunit.Abstractions.ITestOutputHelper output)
    {
        var clock = global::System.Diagnostics.Stopwatch.StartNew();
        var result = await CommandAsync(resource, command);
        result.Success.ShouldBeTrue($"{command} on {resource}: {result.Message}\n{Diagnostics()}");
        var stops = command == KnownResourceCommands.StopCommand;
        await WaitUntilAsync(() => Task.FromResult(Instances(resource).ToList() is { Count: > 0 } all && all.All(e => stops
                ? KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text)
                : e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)),
            TimeSpan.FromMinutes(2), $"{resource} {(stops ? "stopped" : "running and healthy")} after {command}");
        output.WriteLine($"{command} {resource}: {(stops ? "stopped" : "healthy")} after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    protected override string? Failure => null;

    public override string Diagnostics() => string.Join('\n', _latest.Values.OrderBy(e => e.ResourceId)
        // DCP's view of each process: its state, exit code, pid and when it started and stopped.
        .Select(e => $"{e.ResourceId}: {e.Snapshot.State?.Text} {e.Snapshot.HealthStatus} exit={e.Snapshot.ExitCode} " +
                     $"pid={e.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value} started={e.Snapshot.StartTimeStamp:HH:mm:ss.fff} stopped={e.Snapshot.StopTimeStamp:HH:mm:ss.fff}")
        .Append($"PostgreSQL's log, the last lines:\n{PostgresLogTail()}"));

    public override async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await _app.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
        await _stop.CancelAsync();
        await _app.DisposeAsync();
        await AppHostProcess.RemoveDataAsync(DataDirectory);
        Http.Dispose();
    }
}
