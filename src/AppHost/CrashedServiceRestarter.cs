using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Spbe.AppHost;

/// <summary>
/// Starts a service or the embedded PostgreSQL again when its process dies (an exit code other than 0: killed,
/// crashed), with a growing pause between attempts, and counts the restarts as a property operators see in the
/// dashboard. Aspire leaves a dead process dead; a stop by the operator (exit code 0) is respected. A resource that
/// stays between states (starting, stopping, or Unknown: DCP no longer tracks its process) is reported with its
/// last console lines, since nothing else would say why it never came back.
/// </summary>
public sealed partial class CrashedServiceRestarter(ResourceNotificationService notifications, ResourceCommandService commands,
    ResourceLoggerService consoles, IHostApplicationLifetime lifetime, ILogger<CrashedServiceRestarter> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, int> _restarts = new();
    private readonly ConcurrentDictionary<string, DateTime?> _handledExit = new();
    private readonly ConcurrentDictionary<string, (ResourceEvent Event, string? State, DateTime Since, bool Reported)> _states = new();

    /// <summary>How long a resource may stay starting, stopping or Unknown before the log says so.</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(45);

    private static readonly string[] Unsettled = [KnownResourceStates.Starting, KnownResourceStates.Stopping, "Unknown"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = ReportStuckAsync(stoppingToken);
        try
        {
            await foreach (var e in notifications.WatchAsync(stoppingToken))
            {
                if (e.Resource is not (ProjectResource or LocalPostgresResource) || lifetime.ApplicationStopping.IsCancellationRequested) continue;
                var state = e.Snapshot.State?.Text;
                _states.AddOrUpdate(e.ResourceId, _ => (e, state, DateTime.UtcNow, false),
                    (_, old) => old.State == state ? old with { Event = e } : (e, state, DateTime.UtcNow, false));
                if ((state != KnownResourceStates.Exited && state != KnownResourceStates.Finished) || e.Snapshot.ExitCode is null or 0) continue;
                // One restart for each death: later updates of the same stopped process carry the same stop time.
                if (_handledExit.TryGetValue(e.ResourceId, out var seen) && seen == e.Snapshot.StopTimeStamp) continue;
                _handledExit[e.ResourceId] = e.Snapshot.StopTimeStamp;
                _ = RestartAsync(e, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task RestartAsync(ResourceEvent e, CancellationToken ct)
    {
        var count = _restarts.AddOrUpdate(e.ResourceId, 1, (_, n) => n + 1);
        var pause = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(count - 1, 5))) - 1 + 0.5);
        // Why it died is in its last error output (an exception at start, a port in use); the operator's log says it.
        logger.LogWarning("{Resource} exited with code {ExitCode}; starting it again in {Pause:0.0} s (restart {Count}). Its last error output:\n{Errors}",
            e.ResourceId, e.Snapshot.ExitCode, pause.TotalSeconds, count, await LastLinesAsync(e.ResourceId, errorsOnly: true, ct));
        try
        {
            await Task.Delay(pause, ct);
            if (lifetime.ApplicationStopping.IsCancellationRequested) return;
            var result = await commands.ExecuteCommandAsync(e.ResourceId, KnownResourceCommands.StartCommand, ct);
            if (!result.Success) logger.LogError("Could not start {Resource} again: {Error}", e.ResourceId, result.Message);
            await notifications.PublishUpdateAsync(e.Resource, e.ResourceId, s => s with
            {
                Properties = [.. s.Properties.Where(p => p.Name != "spbe.restarts"), new ResourcePropertySnapshot("spbe.restarts", count) { DisplayName = "Restarts" }],
            });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task ReportStuckAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
                foreach (var (id, s) in _states)
                {
                    if (s.Reported || !Unsettled.Contains(s.State) || DateTime.UtcNow - s.Since < StuckAfter || lifetime.ApplicationStopping.IsCancellationRequested) continue;
                    _states[id] = s with { Reported = true };
                    logger.LogError("{Resource} has been {State} for {Seconds:0} s and is not coming back by itself (pid {Pid}, started {Started:O}, stopped {Stopped:O}). Its last console lines:\n{Lines}",
                        id, s.State, (DateTime.UtcNow - s.Since).TotalSeconds, s.Event.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value,
                        s.Event.Snapshot.StartTimeStamp, s.Event.Snapshot.StopTimeStamp, await LastLinesAsync(id, errorsOnly: false, ct));
                }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task<string> LastLinesAsync(string resourceId, bool errorsOnly, CancellationToken ct)
    {
        var errors = new Queue<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await foreach (var batch in consoles.GetAllAsync(resourceId).WithCancellation(timeout.Token))
                // The messages, not the stack frames under them.
                foreach (var line in batch.Where(l => (l.IsErrorMessage || !errorsOnly) && !StackFrame().IsMatch(l.Content)))
                {
                    errors.Enqueue(line.Content);
                    if (errors.Count > 8) errors.Dequeue();
                }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
        return errors.Count == 0 ? "(none)" : string.Join('\n', errors);
    }

    [GeneratedRegex(@"^(\S+Z)?\s*(at |---)")]
    private static partial Regex StackFrame();
}
