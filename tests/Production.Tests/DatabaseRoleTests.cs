using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Shouldly;
using Xunit;

namespace Spbe.Production.Tests;

/// <summary>
/// A cluster made as the AppHost makes its own (<c>src/AppHost/postgres/init.sh</c>: scram-sha-256, an owner, one runtime role
/// per process), each process's migration step run as the owner from its own executable in Production, as an office's
/// release would run it.
/// </summary>
public sealed class RolesCluster : IAsyncLifetime
{
    public static readonly string[] Processes = ["identity", "intake", "assignment", "delivery", "reporting"];
    private readonly Dictionary<string, string> _passwords = new();
    private Process? _server;
    private string _directory = "";
    private readonly StringBuilder _log = new();

    public int Port { get; private set; }

    public string Connection(string role, string database = "spbe", string? password = null) =>
        $"Host=127.0.0.1;Port={Port};Username={role};Password={password ?? _passwords[role]};Database={database};Pooling=false;Timeout=5";

    public async Task InitializeAsync()
    {
        Port = Spbe.Hosting.LocalPorts.Free();
        _directory = Directory.CreateTempSubdirectory("spbe-test-roles-").FullName;
        var scripts = Path.Combine(Executables.RepositoryRoot, "src", "AppHost", "postgres");
        var bin = Spbe.Hosting.LocalPostgres.FindBinDirectory() ?? throw new InvalidOperationException("no PostgreSQL binaries");
        string[] roles = ["postgres", "spbe_owner", .. Processes.Select(p => "spbe_" + p)];
        foreach (var role in roles) _passwords[role] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

        var (exit, output) = await Tools.CommandAsync("/bin/bash", [Path.Combine(scripts, "init.sh"), _directory, bin, "spbe"], environment:
            new Dictionary<string, string>(_passwords.Select(p => KeyValuePair.Create($"SPBE_DB_PASSWORD_{p.Key}", p.Value)))
            {
                ["SPBE_DB_ROLES"] = string.Join(' ', roles),
            });
        exit.ShouldBe(0, output);

        _server = Tools.Start(Tools.Command("/bin/bash",
            [Path.Combine(scripts, "run.sh"), _directory, bin, Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]), _log);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(Connection("postgres", "postgres"));
                await connection.OpenAsync(deadline.Token);
                break;
            }
            catch (NpgsqlException) when (!deadline.IsCancellationRequested) { await Task.Delay(100, deadline.Token); }
        }

        foreach (var process in Processes)
        {
            (exit, output, var error) = await Executables.RunAsync(Capitalised(process), new Dictionary<string, string>
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__spbe"] = Connection("spbe_owner"),
                ["Database__RuntimeRole"] = "spbe_" + process,
            }, ["migrate"]);
            exit.ShouldBe(0, $"the migration step of {process}: {output} {error}");
        }
    }

    public static string Capitalised(string process) => char.ToUpperInvariant(process[0]) + process[1..];

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is { HasExited: false }) _server.Kill();
        if (_server is not null) await _server.WaitForExitAsync();
        // The server outlives the script by the moment its keeper takes to stop it.
        for (var i = 0; i < 100 && File.Exists(Path.Combine(_directory, "data", "postmaster.pid")); i++) await Task.Delay(100);
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* the next run's temporary directory is another */ }
    }
}

public sealed class DatabaseRoleTests(RolesCluster cluster) : IClassFixture<RolesCluster>
{
    /// <summary>A table of each process's own schema, made by its migration step.</summary>
    private static string OwnTable(string process) => process switch
    {
        "identity" => "identity.\"OpenIddictApplications\"",
        "reporting" => "reporting.audit_log",
        _ => $"{process}.mt_events",
    };

    private static async Task<PostgresException?> Refusal(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        try { await cmd.ExecuteNonQueryAsync(); return null; }
        catch (PostgresException e) { return e; }
    }

    [Fact]
    public async Task migration_steps_that_grant_at_the_same_moment_all_succeed()
    {
        // The AppHost runs the five migration steps at once, and an office may run two by hand: their grants on the one
        // database row (CONNECT) must take turns, as PostgreSQL refuses concurrent updates of one catalogue row.
        var steps = Enumerable.Range(0, 10).Select(async i =>
        {
            var process = RolesCluster.Processes[i % RolesCluster.Processes.Length];
            for (var round = 0; round < 10; round++)
            {
                await using var owner = new NpgsqlConnection(cluster.Connection("spbe_owner"));
                await owner.OpenAsync();
                await Spbe.Hosting.DatabaseRoles.GrantRuntimeAsync(owner, $"spbe_{process}", [process], ownQueue: null);
            }
        });
        await Task.WhenAll(steps);
    }

    [Fact]
    public async Task the_server_refuses_a_login_without_the_right_password()
    {
        foreach (var password in new[] { "", "wrong" })
        {
            var e = await Should.ThrowAsync<NpgsqlException>(async () =>
            {
                await using var connection = new NpgsqlConnection(cluster.Connection("postgres", "postgres", password));
                await connection.OpenAsync();
            });
            (e is PostgresException { SqlState: "28P01" } || e.Message.Contains("password", StringComparison.OrdinalIgnoreCase)).ShouldBeTrue(e.ToString());
        }
    }

    [Fact]
    public async Task each_runtime_role_reads_and_writes_its_own_schema_and_nothing_else_nor_creates_anything()
    {
        foreach (var process in RolesCluster.Processes)
        {
            var role = "spbe_" + process;
            var connection = cluster.Connection(role);
            (await Refusal(connection, $"select count(*) from {OwnTable(process)}")).ShouldBeNull($"{role} reads its own schema");

            foreach (var other in RolesCluster.Processes.Where(p => p != process))
                (await Refusal(connection, $"select count(*) from {OwnTable(other)}"))?.SqlState.ShouldBe("42501", $"{role} reading {other}");
            (await Refusal(connection, $"select count(*) from {OwnTable(process)}")).ShouldBeNull();

            foreach (var ddl in new[]
                     {
                         $"create table {(process == "identity" ? "identity" : process)}.intruder (id int)", "create table public.intruder (id int)",
                         "create temporary table intruder (id int)", "create schema intruder", $"drop table {OwnTable(process)}",
                     })
                (await Refusal(connection, ddl)).ShouldNotBeNull($"{role}: {ddl}").SqlState.ShouldBe("42501", $"{role}: {ddl}");
        }
    }

    [Fact]
    public async Task a_service_refuses_to_start_as_the_owner_or_on_a_database_the_migration_step_has_not_prepared()
    {
        Dictionary<string, string> Settings(string connectionString) => new()
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Spbe.Hosting.LocalPorts.Free()}",
            ["ConnectionStrings__spbe"] = connectionString,
            ["Auth__Authority"] = "https://identity.example.go.id",
            ["Auth__Audience"] = "spbe",
            ["Documents__VerifyBaseUrl"] = "https://spbe.example.go.id/verifikasi/{code}",
        };

        var (exit, output, error) = await Executables.RunAsync("Intake", Settings(cluster.Connection("spbe_owner")));
        exit.ShouldNotBe(0);
        (output + error).ShouldContain("logs in as 'spbe_owner', who may create schemas or temporary tables");

        await using (var admin = new NpgsqlConnection(cluster.Connection("postgres", "postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("drop database if exists unprepared; create database unprepared owner spbe_owner", admin);
            foreach (var statement in create.CommandText.Split("; ")) { create.CommandText = statement; await create.ExecuteNonQueryAsync(); }
        }
        (exit, output, error) = await Executables.RunAsync("Intake", Settings(cluster.Connection("spbe_intake", "unprepared")));
        exit.ShouldNotBe(0);
        (output + error).ShouldContain("The database has no 'intake' schema: run the migration step first (`Spbe.Intake migrate`");

        // As its runtime role, on the prepared database, the same settings start the service: it answers its health check.
        var settings = Settings(cluster.Connection("spbe_intake"));
        using var service = Executables.Start("Intake", settings);
        using var http = new HttpClient();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        string? health = null;
        while (health is null && !service.HasExited)
        {
            try { health = await http.GetStringAsync($"{settings["ASPNETCORE_URLS"]}/health", deadline.Token); }
            catch (HttpRequestException) { await Task.Delay(200, deadline.Token); }
        }
        var stderr = service.HasExited ? await service.StandardError.ReadToEndAsync() : "";
        if (!service.HasExited) service.Kill(entireProcessTree: true);
        health.ShouldBe("""{"status":"Healthy"}""", stderr);
    }
}
