using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Spbe.AppHost;

/// <summary>
/// Starts a service again when its process dies (an exit code other than 0: killed, crashed), with a
/// growing pause between attempts, and counts the restarts as a property operators see in the
/// dashboard. Aspire leaves a dead process dead; a stop by the operator (exit code 0) is respected.
/// </summary>
public sealed partial class CrashedServiceRestarter(ResourceNotificationService notifications, ResourceCommandService commands,
    ResourceLoggerService consoles, IHostApplicationLifetime lifetime, ILogger<CrashedServiceRestarter> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, int> _restarts = new();
    private readonly ConcurrentDictionary<string, DateTime?> _handledExit = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var e in notifications.WatchAsync(stoppingToken))
            {
                if (e.Resource is not ProjectResource || lifetime.ApplicationStopping.IsCancellationRequested) continue;
                var state = e.Snapshot.State?.Text;
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
            e.ResourceId, e.Snapshot.ExitCode, pause.TotalSeconds, count, await LastErrorsAsync(e.ResourceId, ct));
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

    private async Task<string> LastErrorsAsync(string resourceId, CancellationToken ct)
    {
        var errors = new Queue<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await foreach (var batch in consoles.GetAllAsync(resourceId).WithCancellation(timeout.Token))
                // The messages, not the stack frames under them.
                foreach (var line in batch.Where(l => l.IsErrorMessage && !StackFrame().IsMatch(l.Content)))
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
