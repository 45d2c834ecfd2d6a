namespace Spbe.Reporting;

/// <summary>
/// The calendar, and the steps' figures stored with it, brought up to date in the background at start: after a calendar
/// change that recomputes every closed step, which must not happen inside the first report asked for.
/// </summary>
public sealed class CalendarSyncAtStart(CalendarTable calendar, ILogger<CalendarSyncAtStart> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = calendar.EnsureSyncedAsync().ContinueWith(t => logger.LogError(t.Exception, "The working calendar could not be synced"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
