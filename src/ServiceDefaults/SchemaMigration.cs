using JasperFx;
using JasperFx.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Spbe.Hosting;

namespace Spbe.ServiceDefaults;

/// <summary>
/// The migration step (README, "Database roles"): <c>Spbe.{Service} migrate</c>, run once per release with the owner's
/// connection, creates and updates the service's schemas (Marten's, Wolverine's envelopes, the queues' tables) and grants
/// its runtime role, named by <c>Database__RuntimeRole</c>, the rows and nothing more. A running service changes no schema.
/// </summary>
public static class SchemaMigration
{
    public const string Command = DatabaseRoles.MigrateCommand;

    /// <summary>The service's builder; for the migration step (first argument <c>migrate</c>) one that checks no serving setting.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (args is [Command, ..]) builder.Configuration[ProductionGuard.MigrationStepKey] = "true";
        return builder;
    }

    /// <summary>Runs the migration step when asked for, else the service (or one of JasperFx's commands).</summary>
    public static async Task<int> RunServiceAsync(this WebApplication app, string service, string[] args)
    {
        if (args is not [Command, ..]) return await app.RunJasperFxCommands(args);
        await ApplyAsync(app, service, app.Configuration["Database:RuntimeRole"]);
        return 0;
    }

    /// <summary>Applies the service's schema with the host's (the owner's) connection; grants <paramref name="runtimeRole"/> when given.</summary>
    public static async Task ApplyAsync(IHost host, string service, string? runtimeRole, CancellationToken ct = default)
    {
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SchemaMigration));
        var database = host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await database.OpenConnectionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand($"select pg_advisory_lock({DatabaseRoles.MigrationLockKey})", connection) { CommandTimeout = 0 })
            await lockCmd.ExecuteNonQueryAsync(ct);
        try
        {
            await host.SetupResources(ct);
            if (!string.IsNullOrEmpty(runtimeRole))
            {
                await DatabaseRoles.GrantRuntimeAsync(connection, runtimeRole, [service, MessageSchema(service)], service, ct);
                logger.LogInformation("Granted {Role} the rows of {Service}'s schemas", runtimeRole, service);
            }
            logger.LogInformation("The schemas of {Service} are those of this release", service);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"select pg_advisory_unlock({DatabaseRoles.MigrationLockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public static string MessageSchema(string service) => $"{service}_messages";

    /// <summary>
    /// Before anything else starts: a database the migration step has not prepared is a refusal naming the step, and outside
    /// Development so is a role that could change the schema (a warning in Development, where any local server will do).
    /// </summary>
    public static async Task CheckServingAsync(NpgsqlDataSource database, string service, IHostEnvironment environment, ILogger logger,
        CancellationToken ct = default)
    {
        if (await DatabaseRoles.SchemaMissingAsync(database, service, ct))
            throw new InvalidOperationException(
                $"The database has no '{service}' schema: run the migration step first (`Spbe.{char.ToUpperInvariant(service[0])}{service[1..]} {Command}` " +
                "with the owner's connection string; README, \"Database roles\").");
        var problem = await DatabaseRoles.RuntimeProblemAsync(database, service, ct);
        if (problem is null) return;
        if (environment.IsDevelopment())
            logger.LogWarning("{Problem} A running service needs only its runtime role (README, \"Database roles\").", problem);
        else
            ProductionGuard.Enforce(environment, service, [problem + " A running service logs in with its runtime role (README, \"Database roles\")."]);
    }

    internal sealed class StartCheck(NpgsqlDataSource database, IHostEnvironment environment, ILogger<StartCheck> logger, string service)
        : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => CheckServingAsync(database, service, environment, logger, cancellationToken);
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
