using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Spbe.ServiceDefaults;

/// <summary>
/// One process of the system starts at a time: from before the first hosted service starts (Marten's and Wolverine's schema
/// setup, the queues' tables every service shares) until all have started, a process holds a PostgreSQL advisory lock.
/// Two replicas starting together otherwise race to create the same tables and indexes ("relation … already exists"),
/// and the loser exits. The lock goes with the connection, so a process that dies while starting releases it.
/// </summary>
public sealed class StartupLock(NpgsqlDataSource database, ILogger<StartupLock> logger) : IHostedLifecycleService
{
    /// <summary>"SPBESTRT": the same key in every service, because the queues' schema is shared.</summary>
    public const long Key = 0x5350_4245_5354_5254;

    private NpgsqlConnection? _connection;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        _connection = await database.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand("select pg_advisory_lock(@key)", _connection);
        cmd.Parameters.AddWithValue("key", Key);
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        logger.LogDebug("Holding the start-up lock while the schemas are set up");
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (_connection is null) return;
        await using (var cmd = new NpgsqlCommand("select pg_advisory_unlock(@key)", _connection))
        {
            cmd.Parameters.AddWithValue("key", Key);
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        await _connection.DisposeAsync();
        _connection = null;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => _connection?.DisposeAsync().AsTask() ?? Task.CompletedTask;
}
