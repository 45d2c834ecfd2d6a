using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spbe.Identity;

/// <summary>The clients of <see cref="IdentitySettings.Clients"/>, written into OpenIddict's store at every start (configuration is the truth).</summary>
public static class ClientRegistration
{
    public static async Task RegisterAsync(IServiceProvider services, IdentitySettings settings, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var (id, client) in settings.Clients)
        {
            var descriptor = Describe(id, client);
            if (await manager.FindByClientIdAsync(id, ct) is { } existing) await manager.UpdateAsync(existing, descriptor, ct);
            else await manager.CreateAsync(descriptor, ct);
        }
    }

    private static OpenIddictApplicationDescriptor Describe(string id, Client client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = id,
            ClientSecret = client.Secret,
            ClientType = client.Secret is null ? ClientTypes.Public : ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = client.DisplayName,
        };
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        foreach (var grant in client.Grants)
        {
            switch (grant)
            {
                case "authorization_code":
                    descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession,
                        Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code]);
                    descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
                    break;
                case "client_credentials":
                    descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
                    break;
                case "development":
                    descriptor.Permissions.Add(Permissions.Prefixes.GrantType + IssuingTokens.DevelopmentGrant.Type);
                    break;
                default:
                    throw new InvalidOperationException($"Identity:Clients:{id}: unknown grant '{grant}' (authorization_code, client_credentials, development).");
            }
        }
        descriptor.Permissions.UnionWith([Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Scopes.Roles, Permissions.Prefixes.Scope + "spbe"]);
        foreach (var uri in client.RedirectUris) descriptor.RedirectUris.Add(new Uri(uri));
        foreach (var uri in client.PostLogoutRedirectUris) descriptor.PostLogoutRedirectUris.Add(new Uri(uri));
        return descriptor;
    }
}
