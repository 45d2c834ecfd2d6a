namespace Spbe.AppHost.Orchestration;

/// <summary>The <c>AppHost</c> section (also from the command line, e.g. <c>--AppHost:DashboardPort=19999</c>).</summary>
public sealed class AppHostOptions
{
    /// <summary>Where the embedded PostgreSQL cluster and the development signing key live; survives restarts.</summary>
    public string? DataDirectory { get; set; }

    public int DashboardPort { get; set; } = 18888;
    public int PostgresPort { get; set; } = 55432;

    /// <summary>Per-service port overrides, e.g. <c>AppHost:Ports:intake=6101</c>.</summary>
    public Dictionary<string, int> Ports { get; set; } = new();

    /// <summary>How long a service may take to answer /health after it starts.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The default data directory: the user's local data folder. Root's home is closed to the
    /// <c>postgres</c> user the server must run as, so as root it is /var/lib/spbe.
    /// </summary>
    public string ResolveDataDirectory() =>
        DataDirectory is { Length: > 0 } configured ? Path.GetFullPath(configured)
        : Spbe.Hosting.LocalPostgres.IsRoot() ? "/var/lib/spbe"
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "spbe");
}
