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

    /// <summary>Starts the service on a given database (to run two services against one database).</summary>
    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(_databasePrefix);
        Host = await StartHostAsync(ConnectionString);
    }

    protected virtual void ConfigureWolverine(WolverineOptions options) { }

    /// <summary>Settings for the service under test; tests send many commands as one user, so the rate limit is lifted unless a test sets it.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public async Task<IAlbaHost> StartHostAsync(string connectionString, Action<WolverineOptions>? configure = null)
    {
        var identity = await TestIdentity.Instance;
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
        await TestPostgres.DropDatabaseAsync(ConnectionString);
    }
}
