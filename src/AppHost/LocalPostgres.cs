using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Spbe.AppHost;

/// <summary>
/// A PostgreSQL server run from the machine's own binaries as a host process: no container engine is
/// needed (there is none on this project's machines, nor on many government servers). Every role logs in
/// with its password (scram-sha-256), each generated at the first run and kept in the data directory.
/// </summary>
public sealed class LocalPostgresResource(string name, string command, string workingDirectory, string database, int port,
    IReadOnlyDictionary<string, ParameterResource> passwords)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    /// <summary>The role that owns the database and every schema: the migration steps' (README, "Database roles").</summary>
    public const string Owner = "spbe_owner";

    public string Database { get; } = database;
    public int Port { get; } = port;

    /// <summary>The owner's connection: the migration steps' and the health check's.</summary>
    public ReferenceExpression ConnectionStringExpression => ConnectionFor(Owner);

    public ReferenceExpression ConnectionFor(string role) =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={Port.ToString(System.Globalization.CultureInfo.InvariantCulture)};Username={role};Password={passwords[role]};Database={Database}");

    /// <summary>The roles the cluster has: the superuser, the owner, one runtime role per process.</summary>
    public static string[] Roles(IEnumerable<string> processes) => ["postgres", Owner, .. processes.Select(RuntimeRole)];

    public static string RuntimeRole(string process) => "spbe_" + process;
}

public static class LocalPostgresExtensions
{
    /// <summary>The processes that keep data in the database, each with its runtime role and its migration step.</summary>
    public static readonly string[] Processes = ["identity", "intake", "assignment", "delivery", "reporting"];

    /// <summary>
    /// The system's database: the server named by <c>ConnectionStrings:{database}</c> when one is
    /// configured (every process then logs in with that one connection), else an embedded cluster in
    /// <paramref name="dataDirectory"/>/postgres (created on the first run, kept between runs), with a one-shot
    /// init resource it waits for that also keeps its roles and their passwords as the data directory has them.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddSpbeDatabase(
        this IDistributedApplicationBuilder builder, string database, string dataDirectory, int port,
        IReadOnlyDictionary<string, string> serverSettings)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(database)))
            return builder.AddConnectionString(database);

        var bin = Spbe.Hosting.LocalPostgres.FindBinDirectory() ?? throw new DistributedApplicationException(
            "No PostgreSQL server binaries (initdb, postgres) were found. Install PostgreSQL 15 or newer " +
            "(Debian/Ubuntu: 'apt-get install postgresql'), put its bin directory on PATH or set SPBE_PG_BIN, " +
            $"or point the system at an existing server with ConnectionStrings__{database}.");
        var cluster = Path.Combine(dataDirectory, "postgres");
        Directory.CreateDirectory(cluster);
        var scripts = Path.Combine(builder.AppHostDirectory, "postgres");

        var roles = LocalPostgresResource.Roles(Processes);
        var passwords = roles.ToDictionary(r => r, r =>
            builder.AddParameter($"postgres-password-{r.Replace('_', '-')}", DataDirectorySecrets.Generated(dataDirectory, $"postgres-password-{r}"), secret: true).Resource);
        var init = builder.AddExecutable("postgres-init", "/bin/bash", cluster, Path.Combine(scripts, "init.sh"), cluster, bin, database)
            .WithEnvironment("SPBE_DB_ROLES", string.Join(' ', roles));
        foreach (var (role, password) in passwords) init.WithEnvironment($"SPBE_DB_PASSWORD_{role}", password);

        var server = new LocalPostgresResource("postgres", "/bin/bash", cluster, database, port, passwords);
        var healthCheck = $"{server.Name}-accepts-connections";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new AcceptsConnections(server), failureStatus: HealthStatus.Unhealthy, tags: null));

        return builder.AddResource(server)
            .WithArgs([Path.Combine(scripts, "run.sh"), cluster, bin, port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                .. serverSettings.SelectMany(s => (string[])["-c", $"{s.Key}={s.Value}"])])
            // Not proxied: every query of every service would otherwise cross one more process.
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck(healthCheck)
            .WaitForCompletion(init)
            .WithIconName("Database");
    }

    /// <summary>
    /// The process's database: its own runtime role's connection (the embedded cluster), after its migration step
    /// (<c>{name}-migrate</c>: the same executable with <c>migrate</c>, as the owner) has completed.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDatabase<TProject>(this IResourceBuilder<ProjectResource> resource, string name,
        IResourceBuilder<IResourceWithConnectionString> database) where TProject : IProjectMetadata, new()
    {
        var builder = resource.ApplicationBuilder;
        var migrate = builder.AddProject<TProject>($"{name}-migrate", launchProfileName: null)
            .WithArgs(Spbe.Hosting.DatabaseRoles.MigrateCommand)
            .WaitFor(database)
            .WithIconName("DatabaseArrowUp")
            .WithSpbeDefaults();
        if (database.Resource is LocalPostgresResource local)
        {
            migrate.WithEnvironment("ConnectionStrings__spbe", local.ConnectionStringExpression)
                .WithEnvironment("Database__RuntimeRole", LocalPostgresResource.RuntimeRole(name))
                .WithReferenceRelationship(database);
            resource.WithEnvironment("ConnectionStrings__spbe", local.ConnectionFor(LocalPostgresResource.RuntimeRole(name)))
                .WithReferenceRelationship(database);
        }
        else
        {
            migrate.WithReference(database, connectionName: "spbe");
            resource.WithReference(database, connectionName: "spbe");
        }
        return resource.WaitFor(database).WaitForCompletion(migrate);
    }

    private sealed class AcceptsConnections(LocalPostgresResource server) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                var connectionString = await server.ConnectionStringExpression.GetValueAsync(ct);
                await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false;Timeout=3");
                await connection.OpenAsync(ct);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        }
    }
}
