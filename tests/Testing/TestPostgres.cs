using Npgsql;
using Spbe.Hosting;

namespace Spbe.Testing;

/// <summary>
/// The tests' PostgreSQL server, one per test process: a throwaway cluster started from the
/// machine's binaries on a free port (deleted when the process exits), or the server named by
/// <c>SPBE_TEST_POSTGRES</c>. Each test class takes a database of its own from it.
/// </summary>
public static class TestPostgres
{
    public const string ExistingServerVariable = "SPBE_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> AdminConnection = new(StartAsync);
    private static LocalPostgres? _cluster;

    private static async Task<string> StartAsync()
    {
        var existing = Environment.GetEnvironmentVariable(ExistingServerVariable);
        if (!string.IsNullOrWhiteSpace(existing)) return existing;

        await RemoveStaleClustersAsync();
        var directory = Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        _cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions { Directory = directory, Ephemeral = true });
        // xunit has no assembly-level teardown; the process exit is the end of every test in it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => _cluster.StopAsync().GetAwaiter().GetResult();
        return _cluster.ConnectionString();
    }

    private const string Prefix = "spbe-test-pg-";

    // A test process that was killed (or cut short at exit) leaves its cluster behind: stop and remove
    // the clusters of test processes that no longer run.
    private static async Task RemoveStaleClustersAsync()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var pidText = Path.GetFileName(dir)[Prefix.Length..].Split('-')[0];
            if (!int.TryParse(pidText, out var pid) || IsRunning(pid)) continue;
            await LocalPostgres.RemoveAsync(dir);
        }
    }

    private static bool IsRunning(int pid)
    {
        try { return !System.Diagnostics.Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var admin = await AdminConnection.Value;
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"create database \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 30 }.ConnectionString;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task>> Roles = new();

    /// <summary>
    /// A connection string to the same database as <paramref name="connectionString"/> that logs in as <paramref name="role"/>,
    /// created on the server the first time (a login role with no other attribute, as in production; README, "Database roles").
    /// What it may do there is what the migration step grants it.
    /// </summary>
    public static async Task<string> RoleConnectionAsync(string connectionString, string role)
    {
        var password = "test-" + role;
        await Roles.GetOrAdd(role, _ => new Lazy<Task>(async () =>
        {
            await using var conn = new NpgsqlConnection(await AdminConnection.Value);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                $"do $$ begin create role \"{role}\" login password '{password}'; " +
                $"exception when duplicate_object then alter role \"{role}\" login password '{password}'; end $$", conn);
            await cmd.ExecuteNonQueryAsync();
        })).Value;
        return new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = password }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever still holds it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(await AdminConnection.Value);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
