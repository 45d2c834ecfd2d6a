using System.Collections.Concurrent;
using System.Diagnostics;

namespace Spbe.AppHost.Orchestration;

public enum ResourceState { Pending, Starting, Running, Unhealthy, Restarting, Exited, Failed, Stopped }

/// <summary>A resource of the application: its declared shape and what it is doing now.</summary>
public abstract class Resource(string name)
{
    public string Name { get; } = name;
    public ResourceState State { get; set; } = ResourceState.Pending;
    public string? Health { get; set; }
    public string? Address { get; set; }
    public int? ProcessId { get; set; }
    public int Restarts { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public LogBuffer Log { get; } = new();
}

/// <summary>The PostgreSQL server: embedded (from the machine's binaries) unless a connection string is configured.</summary>
public sealed class PostgresResource(string name) : Resource(name)
{
    public List<DatabaseResource> Databases { get; } = [];

    public DatabaseResource AddDatabase(string database)
    {
        var db = new DatabaseResource(database, this);
        Databases.Add(db);
        return db;
    }
}

/// <summary>A database on a server; its connection string is handed to services as <c>ConnectionStrings__{name}</c>.</summary>
public sealed class DatabaseResource(string name, PostgresResource server) : IReferenceable
{
    public string Name { get; } = name;
    public PostgresResource Server { get; } = server;
    public string? ConnectionString { get; set; }

    public IEnumerable<KeyValuePair<string, string>> Environment() =>
        [new($"ConnectionStrings__{Name}", ConnectionString ?? throw new InvalidOperationException($"{Name} has no connection string yet."))];
}

/// <summary>One of the services: a .NET project run as its own process.</summary>
public sealed class ProjectResource(string name, string projectDirectory, int port) : Resource(name), IReferenceable
{
    public string ProjectDirectory { get; } = projectDirectory;
    public int Port { get; set; } = port;
    public List<IReferenceable> References { get; } = [];
    public Process? Process { get; set; }
    public string Url => $"http://localhost:{Port}";

    public ProjectResource WithReference(IReferenceable reference)
    {
        References.Add(reference);
        return this;
    }

    // Aspire's service discovery convention.
    public IEnumerable<KeyValuePair<string, string>> Environment() => [new($"services__{Name}__http__0", Url)];
}

public interface IReferenceable
{
    IEnumerable<KeyValuePair<string, string>> Environment();
}

/// <summary>The last lines a process wrote, for the dashboard and for a clear error when it fails.</summary>
public sealed class LogBuffer
{
    private readonly ConcurrentQueue<(long Seq, string Line)> _lines = new();
    private long _seq;
    private const int Capacity = 2000;

    public void Add(string line)
    {
        _lines.Enqueue((Interlocked.Increment(ref _seq), line));
        while (_lines.Count > Capacity) _lines.TryDequeue(out _);
    }

    public IReadOnlyList<(long Seq, string Line)> Since(long after) => _lines.Where(l => l.Seq > after).ToList();

    public string Tail(int lines) => string.Join('\n', _lines.TakeLast(lines).Select(l => l.Line));
}
