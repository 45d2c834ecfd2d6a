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
            .WithReference(database, connectionName: "spbe").WaitFor(database)
            .WithIdentityProvider(identity)
            .WithMessagingCommands(identity, builder.ScriptsSecret())
            .WithReplicas(settings.Replicas)
            .WithSpbeDefaults();

        // Anything under Services:<name> reaches that service as its own configuration,
        // e.g. Services__reporting__Calendar__Holidays__2027-01-01="Tahun Baru".
        foreach (var (key, value) in builder.Configuration.GetSection($"Services:{name}").AsEnumerable(makePathsRelative: true))
            if (value is not null) service.WithEnvironment(key.Replace(":", "__"), value);
        return service;
    }

    /// <summary>Settings every .NET resource of the system gets.</summary>
    public static IResourceBuilder<T> WithSpbeDefaults<T>(this IResourceBuilder<T> resource) where T : IResourceWithEnvironment =>
        // Aspire has each process retry its telemetry export in memory; when the dashboard stops first, a
        // service would wait on that flush and be killed before Wolverine has stopped cleanly.
        resource.WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", "1000")
            .WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL",
                ((long)AppHostSettings.From(resource.ApplicationBuilder.Configuration).MetricExportInterval.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
