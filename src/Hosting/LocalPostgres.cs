using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Npgsql;

namespace Spbe.Hosting;

/// <summary>How to run a <see cref="LocalPostgres"/> cluster.</summary>
public sealed record LocalPostgresOptions
{
    /// <summary>Where the cluster lives. Created (initdb) when it holds no cluster yet.</summary>
    public required string Directory { get; init; }

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>
    /// A throwaway cluster for tests: fsync off, stopped with <c>immediate</c> and deleted on dispose.
    /// A durable one (the AppHost's) keeps fsync on and its directory.
    /// </summary>
    public bool Ephemeral { get; init; }
}

/// <summary>
/// A PostgreSQL cluster run from the machine's own server binaries (initdb, pg_ctl): the tests'
/// throwaway server and the AppHost's embedded default. PostgreSQL refuses to run as root, so
/// as root the cluster directory is owned by, and the server runs as, the <c>postgres</c> user.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private readonly LocalPostgresOptions _options;
    private readonly string _binDirectory;
    private int _stopped;

    private LocalPostgres(LocalPostgresOptions options, string binDirectory, int port)
    {
        _options = options;
        _binDirectory = binDirectory;
        Port = port;
    }

    public int Port { get; }
    public string DataDirectory => Path.Combine(_options.Directory, "data");
    public string LogFile => Path.Combine(_options.Directory, "postgres.log");

    /// <summary>A connection string to a database of this cluster (default: <c>postgres</c>).</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        // Marten and Wolverine each keep a pool; a small cap keeps many test hosts inside max_connections.
        MaxPoolSize = 20,
    }.ConnectionString;

    /// <summary>Initialises the cluster if needed and starts it; throws <see cref="LocalPostgresException"/> with a clear message on failure.</summary>
    public static async Task<LocalPostgres> StartAsync(LocalPostgresOptions options, CancellationToken ct = default)
    {
        var bin = FindBinDirectory() ?? throw new LocalPostgresException(
            "No PostgreSQL server binaries (initdb, pg_ctl) were found. Install PostgreSQL 15 or newer " +
            "(Debian/Ubuntu: 'apt-get install postgresql'), put its bin directory on PATH or set SPBE_PG_BIN, " +
            "or point the system at an existing server with ConnectionStrings__spbe (tests: SPBE_TEST_POSTGRES).");

        System.IO.Directory.CreateDirectory(options.Directory);
        var port = options.Port != 0 ? options.Port : LocalPorts.Free();
        if (options.Port != 0 && !LocalPorts.IsFree(port))
            throw new LocalPostgresException($"Port {port} is already in use; PostgreSQL cannot listen there. Free it or configure another port.");

        var cluster = new LocalPostgres(options, bin, port);
        await cluster.InitAndStartAsync(ct);
        return cluster;
    }

    private async Task InitAndStartAsync(CancellationToken ct)
    {
        var asRoot = IsRoot();
        if (asRoot) await Chown(_options.Directory, ct);

        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            var init = new List<string> { "-D", DataDirectory, "-A", "trust", "-U", SuperUser, "-E", "UTF8", "--locale=C" };
            if (_options.Ephemeral) init.Add("--no-sync");
            await RunTool("initdb", init, ct);
        }

        // A server left behind by a killed run of the same directory would block the start.
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            await RunTool("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "stop"], ct, throwOnError: false);

        var settings = $"-p {Port} -k {_options.Directory} -c listen_addresses=127.0.0.1 -c max_connections=300";
        if (_options.Ephemeral) settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await RunTool("pg_ctl", ["-D", DataDirectory, "-o", settings, "-l", LogFile, "-w", "-t", "60", "start"], ct);
    }

    /// <summary>Creates a database if it does not exist.</summary>
    public async Task CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(ConnectionString());
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @n", conn);
        exists.Parameters.AddWithValue("n", name);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        await using var create = new NpgsqlCommand($"create database \"{name.Replace("\"", "\"\"")}\"", conn);
        await create.ExecuteNonQueryAsync(ct);
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        NpgsqlConnection.ClearAllPools();
        var mode = _options.Ephemeral ? "immediate" : "fast";
        await RunTool("pg_ctl", ["-D", DataDirectory, "-m", mode, "-w", "stop"], CancellationToken.None, throwOnError: false);
        if (_options.Ephemeral)
        {
            try { System.IO.Directory.Delete(_options.Directory, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the next test run removes it */ }
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>Stops a cluster left behind in <paramref name="directory"/> (if it still runs) and deletes the directory.</summary>
    public static async Task RemoveAsync(string directory)
    {
        var bin = FindBinDirectory();
        if (bin is not null && File.Exists(Path.Combine(directory, "data", "postmaster.pid")))
        {
            var leftover = new LocalPostgres(new LocalPostgresOptions { Directory = directory, Ephemeral = true }, bin, 0);
            await leftover.RunTool("pg_ctl", ["-D", leftover.DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None, throwOnError: false);
        }
        try { System.IO.Directory.Delete(directory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* in use; a later run retries */ }
    }

    /// <summary>The directory holding initdb and pg_ctl: SPBE_PG_BIN, then PATH, then Debian's /usr/lib/postgresql/N/bin (newest).</summary>
    public static string? FindBinDirectory()
    {
        static bool Has(string dir) => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

        var configured = Environment.GetEnvironmentVariable("SPBE_PG_BIN");
        if (!string.IsNullOrEmpty(configured)) return Has(configured) ? configured : null;

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (Has(dir)) return dir;

        const string debian = "/usr/lib/postgresql";
        if (!System.IO.Directory.Exists(debian)) return null;
        return System.IO.Directory.GetDirectories(debian)
            .Select(d => (dir: Path.Combine(d, "bin"), version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(x => x.version >= 15 && Has(x.dir))
            .OrderByDescending(x => x.version)
            .Select(x => x.dir)
            .FirstOrDefault();
    }

    private async Task RunTool(string tool, IReadOnlyList<string> args, CancellationToken ct, bool throwOnError = true)
    {
        var exe = Path.Combine(_binDirectory, tool);
        var psi = IsRoot()
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", SuperUser, "--", exe } }
            : new ProcessStartInfo(exe);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        // The server must not inherit the caller's working directory (root's may be unreadable to postgres).
        psi.WorkingDirectory = _options.Directory;

        using var process = Process.Start(psi) ?? throw new LocalPostgresException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0 && throwOnError)
        {
            var log = File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(15)) : "";
            throw new LocalPostgresException(
                $"{tool} failed (exit {process.ExitCode}) for {_options.Directory}:\n{await stderr}{await stdout}{(log.Length > 0 ? "\nserver log:\n" + log : "")}");
        }
    }

    private static async Task Chown(string directory, CancellationToken ct)
    {
        using var p = Process.Start(new ProcessStartInfo("chown", ["-R", $"{SuperUser}:{SuperUser}", directory])
            { RedirectStandardError = true, UseShellExecute = false })!;
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
            throw new LocalPostgresException(
                $"Running as root, the cluster directory must belong to the '{SuperUser}' user, but chown failed: {await p.StandardError.ReadToEndAsync(ct)}" +
                " (is the postgresql package installed? it creates that user)");
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEuid();

    public static bool IsRoot() => OperatingSystem.IsLinux() && GetEuid() == 0;
}

/// <summary>A local PostgreSQL could not be set up; the message says what to do.</summary>
public sealed class LocalPostgresException(string message) : Exception(message);
