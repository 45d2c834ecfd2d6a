using Microsoft.EntityFrameworkCore;

namespace Spbe.Identity;

/// <summary>OpenIddict's applications, authorizations and tokens, in the <c>identity</c> schema of the system's database.</summary>
public sealed class IdentityStore(DbContextOptions<IdentityStore> options) : DbContext(options)
{
    public const string Schema = "identity";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasDefaultSchema(Schema);
        builder.UseOpenIddict();
    }

    /// <summary>
    /// The migration step of the provider (<c>Spbe.Identity migrate</c>, with the owner's connection): OpenIddict's and the
    /// accounts' tables, and the rows of the schema granted to <paramref name="runtimeRole"/> when given (README, "Database roles").
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, string connectionString, string? runtimeRole, CancellationToken ct = default)
    {
        await CreateTablesAsync<IdentityStore>(services, "OpenIddictApplications", ct);
        await CreateTablesAsync<Accounts.AccountStore>(services, "accounts", ct);
        if (string.IsNullOrEmpty(runtimeRole)) return;
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await Spbe.Hosting.DatabaseRoles.GrantRuntimeAsync(connection, runtimeRole, [Schema], ownQueue: null, ct);
    }

    /// <summary>
    /// Creates a context's tables in the schema when its <paramref name="probeTable"/> is missing. Not EnsureCreated: the
    /// database is shared with the services' schemas, and EnsureCreated does nothing in a database that has any table. A
    /// transaction-scoped advisory lock keeps two migration steps from creating them twice.
    /// </summary>
    private static async Task CreateTablesAsync<TContext>(IServiceProvider services, string probeTable, CancellationToken ct = default) where TContext : DbContext
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<TContext>();
        await store.Database.OpenConnectionAsync(ct);
        await using var transaction = await store.Database.BeginTransactionAsync(ct);
        await store.Database.ExecuteSqlRawAsync("select pg_advisory_xact_lock(hashtext('spbe.identity.schema'))", ct);
        var exists = await store.Database.SqlQueryRaw<bool>(
            "select exists (select 1 from information_schema.tables where table_schema = {0} and table_name = {1}) as \"Value\"", Schema, probeTable)
            .SingleAsync(ct);
        if (!exists)
        {
            await store.Database.ExecuteSqlRawAsync($"create schema if not exists {Schema}", ct);
            var script = store.Database.GenerateCreateScript();
            await store.Database.ExecuteSqlRawAsync(script.Replace($"CREATE SCHEMA IF NOT EXISTS {Schema};", "", StringComparison.OrdinalIgnoreCase), ct);
        }
        await transaction.CommitAsync(ct);
    }
}
