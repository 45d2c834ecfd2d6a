using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Xunit;

namespace Spbe.Testing;

/// <summary>
/// One service running in-process (Alba) against a database of its own on the test PostgreSQL.
/// Use one per test class (<c>IClassFixture</c>): classes never see each other's data.
/// </summary>
public abstract class ServiceFixture<TProgram> : IAsyncLifetime where TProgram : class
{
    private readonly string _databasePrefix;

    protected ServiceFixture(string databasePrefix) => _databasePrefix = databasePrefix;

    public IAlbaHost Host { get; private set; } = null!;
    public string ConnectionString { get; private set; } = null!;
    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>The database as its owner sees it: what only a DBA, or an attacker with the owner's password, could do to it.</summary>
    public Npgsql.NpgsqlDataSource Owner => _owner ??= Npgsql.NpgsqlDataSource.Create(ConnectionString);
    private Npgsql.NpgsqlDataSource? _owner;

    /// <summary>Starts the service on a given database (to run two services against one database).</summary>
    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(_databasePrefix);
        Host = await StartHostAsync(ConnectionString);
    }

    protected virtual void ConfigureWolverine(WolverineOptions options) { }

    /// <summary>Settings for the service under test; tests send many commands as one user, so the rate limit is lifted unless a test sets it.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>The service's runtime role: what it may do in the database is what its migration step granted (spbe_intake, …).</summary>
    public static string RuntimeRole => "spbe_" + typeof(TProgram).Namespace!.Split('.')[^1].ToLowerInvariant();

    /// <summary>
    /// Starts the service as production does: its migration step (<c>Program.Main(["migrate"])</c>, in this process) with the
    /// owner's <paramref name="connectionString"/>, then the service logged in as its runtime role.
    /// </summary>
    public async Task<IAlbaHost> StartHostAsync(string connectionString, Action<WolverineOptions>? configure = null)
    {
        var identity = await TestIdentity.Instance;
        var runtime = await TestPostgres.RoleConnectionAsync(connectionString, RuntimeRole);
        await HostBuilds.WaitAsync();
        try
        {
            await Migrations.GetOrAdd(connectionString, _ => new Lazy<Task>(() => MigrateAsync(connectionString))).Value;
            return await StartAsync(runtime, identity, configure);
        }
        finally { HostBuilds.Release(); }
    }

    // A host being built is taken by whichever AlbaHost.For is waiting for one (HostFactoryResolver listens process-wide), so
    // the migration step's host and the services' hosts are built one at a time.
    private static readonly SemaphoreSlim HostBuilds = new(1, 1);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task>> Migrations = new();

    private static async Task MigrateAsync(string connectionString)
    {
        var main = typeof(TProgram).GetMethod("Main", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            ?? throw new InvalidOperationException($"{typeof(TProgram)} has no Main");
        var code = await (Task<int>)main.Invoke(null, [new[]
        {
            "migrate", "--environment", "Development", $"--ConnectionStrings:spbe={connectionString}", $"--Database:RuntimeRole={RuntimeRole}",
        }])!;
        if (code != 0) throw new InvalidOperationException($"The migration step of {typeof(TProgram).Namespace} ended with {code}");
    }

    private async Task<IAlbaHost> StartAsync(string connectionString, TestIdentity identity, Action<WolverineOptions>? configure)
    {
        return await AlbaHost.For<TProgram>(builder =>
        {
            builder.UseSetting("ConnectionStrings:spbe", connectionString);
            foreach (var (key, value) in identity.ServiceSettings()) builder.UseSetting(key, value);
            builder.UseSetting("Messaging:QueuePollingInterval", "00:00:00.050");
            builder.UseSetting("Limits:CommandsPerWindow", "1000000");
            foreach (var (key, value) in Settings) builder.UseSetting(key, value);
            builder.ConfigureServices(services =>
            {
                // One node per test host: no leader election to wait for.
                services.RunWolverineInSoloMode();
                services.ConfigureWolverine(o =>
                {
                    ConfigureWolverine(o);
                    configure?.Invoke(o);
                });
            });
        });
    }

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_owner is not null) await _owner.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(ConnectionString);
    }
}
