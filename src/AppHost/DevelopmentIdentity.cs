namespace Spbe.AppHost;

/// <summary>
/// The identity provider of development (<c>src/Identity</c>, OpenIddict) and what the services need to
/// trust it. Its keys and the clients' secrets are generated at the first run into the data directory
/// (never in the repository); the secrets reach the provider and the clients as secret parameters.
/// </summary>
public static class DevelopmentIdentity
{
    public const string Audience = "spbe";

    /// <summary>The client of scripts and other systems (client credentials), and of the dashboard's commands.</summary>
    public const string ScriptsClient = "spbe-scripts";

    /// <summary>The portal's client secret (a parameter; the portal's resource takes it by this name).</summary>
    public const string PortalSecret = "identity-portal-secret";

    public static IResourceBuilder<ProjectResource> AddIdentityProvider(this IDistributedApplicationBuilder builder, AppHostSettings settings,
        string dataDirectory, IResourceBuilder<IResourceWithConnectionString> database)
    {
        var scriptsSecret = builder.AddParameter("identity-scripts-secret", DataDirectorySecrets.Generated(dataDirectory, "identity-scripts-secret"), secret: true);
        var portalSecret = builder.AddParameter(PortalSecret, DataDirectorySecrets.Generated(dataDirectory, PortalSecret), secret: true);
        var portal = settings.PortalUrl;

        var identity = builder.AddProject<Projects.Identity>("identity")
            .WithHttpEndpoint(port: settings.Port("identity", 5100), name: "http")
            .WithHttpHealthCheck("/health")
            .WithDatabase<Projects.Identity>("identity", database)
            .WithEnvironment("Identity__KeysDirectory", Path.Combine(dataDirectory, "identity-keys"))
            .WithEnvironment("Identity__Audience", Audience)
            // Development: a token for any person, for curl and the tests (README, "Identity").
            .WithEnvironment("Identity__AllowDevelopmentGrant", "true")
            .WithEnvironment("Identity__Clients__spbe-dev__DisplayName", "Development scripts and tests")
            .WithEnvironment("Identity__Clients__spbe-dev__Grants__0", "development")
            .WithEnvironment($"Identity__Clients__{ScriptsClient}__DisplayName", "Scripts and other systems")
            .WithEnvironment($"Identity__Clients__{ScriptsClient}__Secret", scriptsSecret)
            .WithEnvironment($"Identity__Clients__{ScriptsClient}__Grants__0", "client_credentials")
            .WithEnvironment($"Identity__Clients__{ScriptsClient}__Roles__0", "operator")
            .WithEnvironment("Identity__Clients__spbe-portal__DisplayName", "Portal SPBE")
            .WithEnvironment("Identity__Clients__spbe-portal__Secret", portalSecret)
            .WithEnvironment("Identity__Clients__spbe-portal__Grants__0", "authorization_code")
            .WithEnvironment("Identity__Clients__spbe-portal__RedirectUris__0", $"{portal}/signin-oidc")
            .WithEnvironment("Identity__Clients__spbe-portal__PostLogoutRedirectUris__0", $"{portal}/signout-callback-oidc")
            .WithSpbeDefaults();
        // Tokens name the provider by the address the services reach it at.
        identity.WithEnvironment("Identity__Issuer", identity.GetEndpoint("http"));
        return identity.WithOwnSettings("identity");
    }

    /// <summary>What a service needs to trust the provider's tokens.</summary>
    public static IResourceBuilder<T> WithIdentityProvider<T>(this IResourceBuilder<T> resource, IResourceBuilder<ProjectResource> identity)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        resource
            .WithEnvironment("Auth__Authority", identity.GetEndpoint("http"))
            .WithEnvironment("Auth__Audience", Audience)
            // Plain HTTP on localhost in development; the office's provider is reached over HTTPS.
            .WithEnvironment("Auth__RequireHttpsMetadata", "false")
            .WaitFor(identity);

    public static IResourceBuilder<ParameterResource> ScriptsSecret(this IDistributedApplicationBuilder builder) =>
        builder.CreateResourceBuilder(builder.Resources.OfType<ParameterResource>().Single(p => p.Name == "identity-scripts-secret"));
}
