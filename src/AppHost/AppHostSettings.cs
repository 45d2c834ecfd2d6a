using Microsoft.Extensions.Configuration;

namespace Spbe.AppHost;

/// <summary>The <c>AppHost</c> configuration section (environment <c>AppHost__Ports__intake=6101</c>, or <c>--AppHost:Ports:intake=6101</c>).</summary>
public sealed class AppHostSettings
{
    /// <summary>Where the embedded PostgreSQL cluster and the development signing key live; kept between runs.</summary>
    public string? DataDirectory { get; set; }

    public int PostgresPort { get; set; } = 55432;

    /// <summary>Server settings for the embedded PostgreSQL beyond its own (<c>AppHost__PostgresSettings__shared_buffers=256MB</c>), each passed as <c>-c name=value</c>.</summary>
    public Dictionary<string, string> PostgresSettings { get; set; } = new();

    /// <summary>Per-resource port overrides; the defaults are the addresses in the README.</summary>
    public Dictionary<string, int> Ports { get; set; } = new();

    /// <summary>Processes per service (two or more: replicas behind the AppHost's proxy, as a larger deployment runs them).</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>Start a service again when its process dies (exit code other than 0).</summary>
    public bool RestartCrashed { get; set; } = true;

    /// <summary>Run the development mail catcher (smtp4dev) and send Reporting's mail to it.</summary>
    public bool MailCatcher { get; set; } = true;

    /// <summary>
    /// How often each process sends its metrics to the dashboard. Aspire's development default is every second,
    /// which an idle system pays for all day; the dashboard's charts still refresh at this pace.
    /// </summary>
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The portal's address as people's browsers (and the letters' QR codes) reach it.</summary>
    public string PortalUrl => $"http://localhost:{Port("portal", 5000)}";

    public int Port(string resource, int fallback) => Ports.TryGetValue(resource, out var port) ? port : fallback;

    /// <summary>
    /// The data directory: configured, else the user's local data folder. Root's home is closed to the
    /// <c>postgres</c> user the server runs as, so as root it is /var/lib/spbe.
    /// </summary>
    public string ResolveDataDirectory() =>
        DataDirectory is { Length: > 0 } configured ? Path.GetFullPath(configured)
        : Spbe.Hosting.LocalPostgres.IsRoot() ? "/var/lib/spbe"
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "spbe");

    public static AppHostSettings From(IConfiguration configuration) =>
        configuration.GetSection("AppHost").Get<AppHostSettings>() ?? new AppHostSettings();
}
