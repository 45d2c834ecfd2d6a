using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Spbe.AppHost;

/// <summary>How every Spbe service is run: its address, health, database, identity and telemetry settings.</summary>
public static class SpbeServices
{
    public static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder, string name, int defaultPort,
        AppHostSettings settings, IResourceBuilder<IResourceWithConnectionString> database, IResourceBuilder<ProjectResource> identity)
        where TProject : IProjectMetadata, new()
    {
        var service = builder.AddProject<TProject>(name)
            .WithHttpEndpoint(port: settings.Port(name, defaultPort), name: "http")
            .WithHttpHealthCheck("/health")
            .WithDatabase<TProject>(name, database)
            .WithIdentityProvider(identity)
            .WithMessagingCommands(identity, builder.ScriptsSecret())
            .WithReplicas(settings.Replicas)
            // The letters' QR codes and the notices' links open the portal this AppHost runs.
            .WithEnvironment("Documents__VerifyBaseUrl", $"{settings.PortalUrl}/verifikasi/{{code}}")
            .WithEnvironment("Notifications__PortalBaseUrl", settings.PortalUrl)
            .WithSpbeDefaults();

        return service.WithOwnSettings(name);
    }

    /// <summary>
    /// Anything under Services:&lt;name&gt; reaches that resource as its own configuration,
    /// e.g. Services__reporting__Calendar__Holidays__2027-01-01="Tahun Baru", Services__identity__Identity__AccessTokenLifetime=00:10:00.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOwnSettings(this IResourceBuilder<ProjectResource> resource, string name)
    {
        foreach (var (key, value) in resource.ApplicationBuilder.Configuration.GetSection($"Services:{name}").AsEnumerable(makePathsRelative: true))
            if (value is not null) resource.WithEnvironment(key.Replace(":", "__"), value);
        return resource;
    }

    /// <summary>Settings every .NET resource of the system gets.</summary>
    public static IResourceBuilder<T> WithSpbeDefaults<T>(this IResourceBuilder<T> resource) where T : IResourceWithEnvironment =>
        resource.StartsBuiltExecutable().WithTelemetryDefaults()
            // The AppHost's own environment (Development from its launch profile) for every process it runs: outside
            // Development each process refuses the development settings the AppHost gives it (README, "Production settings").
            .WithEnvironment("DOTNET_ENVIRONMENT", resource.ApplicationBuilder.Environment.EnvironmentName);

    /// <summary>
    /// DCP starts a project through `dotnet run --no-build`, which first evaluates the project with MSBuild (seconds of CPU
    /// per project on a small machine, all at once at start) and then stays beside the process for its whole life
    /// (about 150 MB each). Building the AppHost has built every project, so the AppHost starts their executables itself.
    /// Without a built executable (another build layout) DCP's way is kept.
    /// </summary>
    private static IResourceBuilder<T> StartsBuiltExecutable<T>(this IResourceBuilder<T> resource) where T : IResourceWithEnvironment
    {
        if (resource.Resource is not ProjectResource project
            || project.Annotations.OfType<IProjectMetadata>().FirstOrDefault() is not { } metadata) return resource;
        var directory = Path.GetDirectoryName(metadata.ProjectPath)!;
        var configuration = typeof(SpbeServices).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var executable = Path.Combine(directory, "bin", configuration, "net10.0", "Spbe." + Path.GetFileNameWithoutExtension(metadata.ProjectPath));
        if (File.Exists(executable))
            project.Annotations.Add(new ExecutableAnnotation { Command = executable, WorkingDirectory = directory });
        return resource;
    }

    private static IResourceBuilder<T> WithTelemetryDefaults<T>(this IResourceBuilder<T> resource) where T : IResourceWithEnvironment =>
        // Aspire has each process retry its telemetry export in memory; when the dashboard stops first, a
        // service would wait on that flush and be killed before Wolverine has stopped cleanly.
        resource.WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", "1000")
            .WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL",
                ((long)AppHostSettings.From(resource.ApplicationBuilder.Configuration).MetricExportInterval.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
