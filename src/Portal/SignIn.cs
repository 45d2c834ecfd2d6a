using System.Collections.Concurrent;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Spbe.Portal;

/// <summary>
/// Sign-in by OpenID Connect (authorization code with PKCE, a confidential client) against
/// <c>Auth:Authority</c>. The tokens stay on the server (<see cref="ServerSessions"/>): the browser's
/// cookie names a session, it does not carry them.
/// </summary>
public static class SignIn
{
    public static IServiceCollection AddPortalSignIn(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var authority = configuration["Auth:Authority"] ?? throw new InvalidOperationException("Auth:Authority is not set: the portal signs people in through the office's OpenID Connect provider.");
        // Development runs on plain HTTP on localhost; anywhere else the session never travels without TLS (behind a TLS
        // proxy, ASPNETCORE_FORWARDEDHEADERS_ENABLED=true lets the portal see that the request was https).
        var cookies = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        // A confidential client in every environment: the code exchange needs the secret the provider was given for it.
        var secret = configuration["Auth:ClientSecret"] is { Length: > 0 } s ? s
            : throw new InvalidOperationException("Auth:ClientSecret is not set: the portal's secret at the OpenID Connect provider (the AppHost generates one in development).");
        Spbe.Hosting.ProductionGuard.Enforce(environment, "The portal",
        [
            Spbe.Hosting.ProductionGuard.Https(configuration, "Auth:Authority", "the OpenID Connect provider people sign in at"),
            Spbe.Hosting.ProductionGuard.Is(configuration, "Auth:RequireHttpsMetadata", true, true, "the provider's keys are fetched only over https"),
            Spbe.Hosting.ProductionGuard.Secret(secret, "Auth__ClientSecret"),
        ]);
        services.AddSingleton<ServerSessions>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "spbe.sesi";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = cookies;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = false;
                o.AccessDeniedPath = "/tidak-berwenang";
            })
            .AddOpenIdConnect(o =>
            {
                o.Authority = authority;
                o.RequireHttpsMetadata = configuration.GetValue("Auth:RequireHttpsMetadata", true);
                o.ClientId = configuration["Auth:ClientId"] ?? "spbe-portal";
                o.ClientSecret = secret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                // The provider sends the code back by a redirect (GET), and the correlation and nonce cookies are
                // Lax: a form_post back needs SameSite=None cookies, which browsers drop on plain-HTTP development.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = cookies;
                o.NonceCookie.SecurePolicy = cookies;
                o.SaveTokens = true;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.Scope.Clear();
                foreach (var scope in (configuration["Auth:Scopes"] ?? "openid profile roles spbe offline_access").Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = "role";
                o.Events.OnTokenValidated = context =>
                {
                    // What the services decide on is in the access token (role, OPD, NIP): the portal shows the same.
                    if (context.TokenEndpointResponse?.AccessToken is { } access && context.Principal?.Identity is ClaimsIdentity identity)
                        foreach (var claim in new JwtSecurityTokenHandler().ReadJwtToken(access).Claims.Where(c => c.Type is "role" or "opd" or "nip" or "email"))
                            if (!identity.HasClaim(claim.Type, claim.Value)) identity.AddClaim(new Claim(claim.Type, claim.Value));
                    return Task.CompletedTask;
                };
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<ServerSessions>((o, sessions) =>
            {
                o.SessionStore = sessions;
                o.Events.OnValidatePrincipal = KeepTokenFreshAsync;
            });
        services.AddAuthorization();
        return services;
    }

    /// <summary>
    /// The session outlives the access token (8 hours against the provider's one): a minute before the token
    /// expires, the next request trades the refresh token for new ones. When that is refused (the account is disabled,
    /// the provider forgot the grant) or there is no refresh token, the session ends, and the page asks for a sign-in
    /// again, which the provider's own session usually answers without a form, instead of every call failing with 401.
    /// </summary>
    private static async Task KeepTokenFreshAsync(CookieValidatePrincipalContext context)
    {
        var expiresAt = context.Properties.GetTokenValue("expires_at");
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (expiresAt is null || !DateTimeOffset.TryParse(expiresAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var expires)
            || expires - time.GetUtcNow() > TimeSpan.FromMinutes(1)) return;

        var oidc = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        var refreshed = context.Properties.GetTokenValue("refresh_token") is { } refresh ? await RefreshAsync(oidc, refresh, context.HttpContext.RequestAborted) : null;
        if (refreshed is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.Properties.UpdateTokenValue("access_token", refreshed.AccessToken);
        if (refreshed.RefreshToken is { Length: > 0 } next) context.Properties.UpdateTokenValue("refresh_token", next);
        var lifetime = int.TryParse(refreshed.ExpiresIn, out var seconds) ? seconds : 3600;
        context.Properties.UpdateTokenValue("expires_at", time.GetUtcNow().AddSeconds(lifetime).ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        context.ShouldRenew = true;
    }

    private static async Task<OpenIdConnectMessage?> RefreshAsync(OpenIdConnectOptions oidc, string refreshToken, CancellationToken ct)
    {
        try
        {
            var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(ct);
            using var response = await oidc.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = oidc.ClientId!, ["client_secret"] = oidc.ClientSecret!,
            }), ct);
            if (!response.IsSuccessStatusCode) return null;
            var message = new OpenIdConnectMessage(await response.Content.ReadAsStringAsync(ct));
            return string.IsNullOrEmpty(message.AccessToken) ? null : message;
        }
        catch (HttpRequestException) { return null; }
    }
}

/// <summary>The signed-in sessions, with their tokens, in the portal's memory; a restart signs everyone out.</summary>
public sealed class ServerSessions : ITicketStore
{
    private readonly ConcurrentDictionary<string, AuthenticationTicket> _tickets = new();

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        _tickets[key] = ticket;
        return Task.FromResult(key);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        _tickets[key] = ticket;
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (_tickets.TryGetValue(key, out var ticket) && ticket.Properties.ExpiresUtc is { } expires && expires < DateTimeOffset.UtcNow)
        {
            _tickets.TryRemove(key, out _);
            ticket = null;
        }
        return Task.FromResult(ticket);
    }

    public Task RemoveAsync(string key)
    {
        _tickets.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
