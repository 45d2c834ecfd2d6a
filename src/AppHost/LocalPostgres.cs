using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Spbe.AppHost;

/// <summary>
/// A PostgreSQL server run from the machine's own binaries as a host process: no container engine is
/// needed (there is none on this project's machines, nor on many government servers).
/// </summary>
public sealed class LocalPostgresResource(string name, string command, string workingDirectory, string database, int port)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public string Database { get; } = database;
    public int Port { get; } = port;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={Port.ToString(System.Globalization.CultureInfo.InvariantCulture)};Username=postgres;Database={Database}");
}

public static class LocalPostgresExtensions
{
    /// <summary>
    /// The system's database: the server named by <c>ConnectionStrings:{database}</c> when one is
    /// configured, else an embedded cluster in <paramref name="dataDirectory"/>/postgres (created on the
    /// first run, kept between runs), with a one-shot init resource it waits for.
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

        var init = builder.AddExecutable("postgres-init", "/bin/bash", cluster, Path.Combine(scripts, "init.sh"), cluster, bin, database);

        var server = new LocalPostgresResource("postgres", "/bin/bash", cluster, database, port);
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
