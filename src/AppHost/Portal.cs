namespace Spbe.AppHost;

/// <summary>The portal (<c>src/Portal</c>): the one origin people's browsers reach; it signs them in at the identity provider and calls the services for them.</summary>
public static class Portal
{
    public static IResourceBuilder<ProjectResource> AddPortal(this IDistributedApplicationBuilder builder, AppHostSettings settings,
        IResourceBuilder<ProjectResource> identity, params IResourceBuilder<ProjectResource>[] services)
    {
        var secret = builder.CreateResourceBuilder(builder.Resources.OfType<ParameterResource>().Single(p => p.Name == DevelopmentIdentity.PortalSecret));
        var portal = builder.AddProject<Projects.Portal>("portal")
            // The identity provider knows this address as the client's redirect (DevelopmentIdentity).
            .WithHttpEndpoint(port: settings.Port("portal", 5000), name: "http", isProxied: false)
            .WithHttpHealthCheck("/health")
            .WithEnvironment("Auth__Authority", identity.GetEndpoint("http"))
            .WithEnvironment("Auth__RequireHttpsMetadata", "false")
            .WithEnvironment("Auth__ClientSecret", secret)
            .WaitFor(identity)
            .WithSpbeDefaults();
        foreach (var service in services) portal.WithReference(service).WaitFor(service);
        return portal;
    }
}
