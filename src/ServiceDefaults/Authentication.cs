using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Spbe.Contracts;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The <c>Auth</c> configuration section. Production: <c>Authority</c> (the office's OpenID Connect
/// provider) and <c>Audience</c>. Development: <c>SigningKey</c> (base64), <c>Issuer</c>, <c>Audience</c>,
/// handed over by the AppHost. The claim names are configurable because identity providers name
/// them their own way.
/// </summary>
public sealed class AuthSettings
{
    public string? Authority { get; set; }
    public string? Audience { get; set; }
    public string? Issuer { get; set; }
    public string? SigningKey { get; set; }
    public bool RequireHttpsMetadata { get; set; } = true;
    public string RoleClaim { get; set; } = SpbeClaims.Role;
    public string OpdClaim { get; set; } = SpbeClaims.Opd;
    public string NameClaim { get; set; } = SpbeClaims.Name;
    public string NipClaim { get; set; } = SpbeClaims.Nip;
}

public static class AuthenticationExtensions
{
    public static TBuilder AddSpbeAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var settings = builder.Configuration.GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings();
        builder.Services.AddSingleton(settings);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            // Keep the token's own claim names ("sub", "role"), not the WS-Federation URIs.
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                // Identity.Name is the subject: Wolverine relays it into Marten's event metadata (user name).
                NameClaimType = SpbeClaims.Subject,
                RoleClaimType = settings.RoleClaim,
                ValidateAudience = settings.Audience is not null,
                ValidAudience = settings.Audience,
                ClockSkew = TimeSpan.FromSeconds(30),
            };

            o.Events = new JwtBearerEvents { OnTokenValidated = ctx => { CanonicalClaims(ctx.Principal, settings); return Task.CompletedTask; } };

            if (!string.IsNullOrWhiteSpace(settings.Authority))
            {
                o.Authority = settings.Authority;
                o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            }
            else if (!string.IsNullOrWhiteSpace(settings.SigningKey))
            {
                o.TokenValidationParameters.ValidIssuer = settings.Issuer;
                o.TokenValidationParameters.ValidateIssuer = settings.Issuer is not null;
                o.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(settings.SigningKey));
            }
            else
            {
                throw new InvalidOperationException(
                    "Authentication is not configured: set Auth__Authority (the OpenID Connect provider) " +
                    "or Auth__SigningKey and Auth__Issuer (development; the AppHost sets them).");
            }
        });

        builder.Services.AddAuthorization(o =>
        {
            // Every endpoint needs a valid token unless it says otherwise (health, OpenAPI).
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        return builder;
    }

    // A provider that names its claims differently (a Keycloak realm, say) is mapped onto the
    // names the services read, so the rest of the code knows one vocabulary.
    private static void CanonicalClaims(ClaimsPrincipal? principal, AuthSettings settings)
    {
        if (principal?.Identity is not ClaimsIdentity identity) return;
        void Copy(string from, string to)
        {
            if (from == to || identity.HasClaim(c => c.Type == to)) return;
            foreach (var c in identity.FindAll(from).ToList()) identity.AddClaim(new Claim(to, c.Value));
        }
        Copy(settings.OpdClaim, SpbeClaims.Opd);
        Copy(settings.NameClaim, SpbeClaims.Name);
        Copy(settings.NipClaim, SpbeClaims.Nip);
    }
}

/// <summary>Reading the caller from the token.</summary>
public static class CallerExtensions
{
    public static IEnumerable<string> Roles(this ClaimsPrincipal user) =>
        user.Identities.SelectMany(i => i.FindAll(i.RoleClaimType)).Select(c => c.Value).Distinct();

    public static bool HasAnyRole(this ClaimsPrincipal user, params string[] roles) => roles.Any(user.IsInRole);

    /// <summary>The caller's OPD code (for <c>opd</c> users), normalised.</summary>
    public static string? OpdCode(this ClaimsPrincipal user)
    {
        var value = user.FindFirst(SpbeClaims.Opd)?.Value;
        return string.IsNullOrWhiteSpace(value) ? null : Spbe.Contracts.OpdCode.Normalize(value);
    }

    /// <summary>The actor to write into events: who, acting under <paramref name="role"/>.</summary>
    public static Actor ToActor(this ClaimsPrincipal user, string role) => new(
        user.FindFirst(SpbeClaims.Subject)?.Value ?? user.Identity?.Name ?? "unknown",
        user.FindFirst(SpbeClaims.Name)?.Value ?? user.FindFirst(SpbeClaims.Subject)?.Value ?? "unknown",
        role,
        user.FindFirst(SpbeClaims.Nip)?.Value,
        user.OpdCode());

    /// <summary>The first of <paramref name="allowed"/> the caller holds: the role an action is done under.</summary>
    public static string? ActingRole(this ClaimsPrincipal user, params string[] allowed) =>
        allowed.FirstOrDefault(user.IsInRole);
}
