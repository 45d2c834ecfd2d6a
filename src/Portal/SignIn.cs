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
    public static IServiceCollection AddPortalSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        var authority = configuration["Auth:Authority"] ?? throw new InvalidOperationException("Auth:Authority is not set: the portal signs people in through the office's OpenID Connect provider.");
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
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = false;
                o.AccessDeniedPath = "/tidak-berwenang";
            })
            .AddOpenIdConnect(o =>
            {
                o.Authority = authority;
                o.RequireHttpsMetadata = configuration.GetValue("Auth:RequireHttpsMetadata", true);
                o.ClientId = configuration["Auth:ClientId"] ?? "spbe-portal";
                o.ClientSecret = configuration["Auth:ClientSecret"];
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                // The provider sends the code back by a redirect (GET), and the correlation and nonce cookies are
                // Lax: a form_post back needs SameSite=None cookies, which browsers drop on plain-HTTP development.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SaveTokens = true;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.Scope.Clear();
                foreach (var scope in (configuration["Auth:Scopes"] ?? "openid profile roles spbe").Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
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
            .Configure<ServerSessions>((o, sessions) => o.SessionStore = sessions);
        services.AddAuthorization();
        return services;
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
