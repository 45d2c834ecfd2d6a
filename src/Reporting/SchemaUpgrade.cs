using Npgsql;

namespace Spbe.Reporting;

/// <summary>
/// Brings a Reporting database from before the register number moved to registration up to date, at start:
/// its <c>request_number</c> columns were NOT NULL, and Marten's schema update (Weasel) does not drop a NOT
/// NULL. Altered only when still NOT NULL, so a current database takes no lock.
/// </summary>
public sealed class SchemaUpgrade(NpgsqlDataSource database, CalendarTable calendar, ILogger<SchemaUpgrade> logger) : IHostedService
{
    public const string Sql = $"""
        do $$
        begin
          if exists (select 1 from information_schema.columns where table_schema = '{ReportingSchema.Schema}'
                     and table_name = 'audit_log' and column_name = 'request_number' and is_nullable = 'NO') then
            alter table {ReportingSchema.AuditLog} alter column request_number drop not null;
          end if;
          if exists (select 1 from information_schema.columns where table_schema = '{ReportingSchema.Schema}'
                     and table_name = 'steps' and column_name = 'request_number' and is_nullable = 'NO') then
            alter table {ReportingSchema.Steps} alter column request_number drop not null;
          end if;
        end $$
        """;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var cmd = database.CreateCommand(Sql);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        // The calendar, and the steps' figures stored with it, brought up to date now in the background: after a
        // calendar change that recomputes every closed step, which must not happen inside the first report asked for.
        _ = calendar.EnsureSyncedAsync().ContinueWith(t => logger.LogError(t.Exception, "The working calendar could not be synced"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
