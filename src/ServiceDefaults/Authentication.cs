using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Spbe.Contracts;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The <c>Auth</c> configuration section: the OpenID Connect provider whose tokens the services trust
/// (<c>src/Identity</c> in development and tests, the office's own in production) and where its tokens
/// keep what the services read. A claim is named by a path, so nested claims need no mapper at the
/// provider: <c>realm_access.roles</c> or <c>resource_access.spbe.roles</c> (Keycloak).
/// </summary>
public sealed class AuthSettings
{
    public string? Authority { get; set; }
    public string Audience { get; set; } = "spbe";
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The JOSE <c>typ</c> values accepted: RFC 9068 access tokens. Keycloak marks its access tokens <c>JWT</c>.</summary>
    public List<string> TokenTypes { get; set; } = ["at+jwt"];

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
        if (string.IsNullOrWhiteSpace(settings.Authority) && !Spbe.Hosting.ProductionGuard.IsMigrationStep(builder.Configuration))
            throw new InvalidOperationException(
                "Authentication is not configured: set Auth__Authority to the OpenID Connect provider whose tokens this service " +
                "trusts (the AppHost sets it to src/Identity) and Auth__Audience to the audience its access tokens carry.");
        Spbe.Hosting.ProductionGuard.Enforce(builder, builder.Environment.ApplicationName,
        [
            Spbe.Hosting.ProductionGuard.Https(builder.Configuration, "Auth:Authority", "the OpenID Connect provider whose tokens are trusted"),
            Spbe.Hosting.ProductionGuard.Is(builder.Configuration, "Auth:RequireHttpsMetadata", true, true, "the provider's keys are fetched only over https"),
        ]);
        builder.Services.AddSingleton(settings);

        // One way for every token: discovery and keys from the authority, then issuer, audience, lifetime and type.
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.Authority = settings.Authority;
            o.Audience = settings.Audience;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            // Keep the token's own claim names ("sub", "role"), not the WS-Federation URIs.
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                // Identity.Name is the subject: Wolverine relays it into Marten's event metadata (user name).
                NameClaimType = SpbeClaims.Subject,
                RoleClaimType = SpbeClaims.Role,
                ValidTypes = settings.TokenTypes,
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            o.Events = new JwtBearerEvents { OnTokenValidated = ctx => { CanonicalClaims(ctx.Principal, settings); return Task.CompletedTask; } };
        });

        builder.Services.AddAuthorization(o =>
        {
            // Every endpoint needs a valid token unless it says otherwise (health, OpenAPI).
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        return builder;
    }

    // A provider that names or nests its claims its own way (a Keycloak realm, say) is read onto the
    // names the services use, so the rest of the code knows one vocabulary.
    private static void CanonicalClaims(ClaimsPrincipal? principal, AuthSettings settings)
    {
        if (principal?.Identity is not ClaimsIdentity identity) return;
        void Copy(string path, string to)
        {
            if (path == to) return;
            var values = ClaimPath.Read(identity, path).ToList();
            if (values.Count == 0) return;
            foreach (var existing in identity.FindAll(to).ToList()) identity.RemoveClaim(existing);
            foreach (var value in values) identity.AddClaim(new Claim(to, value));
        }
        Copy(settings.RoleClaim, SpbeClaims.Role);
        Copy(settings.OpdClaim, SpbeClaims.Opd);
        Copy(settings.NameClaim, SpbeClaims.Name);
        Copy(settings.NipClaim, SpbeClaims.Nip);
    }
}

/// <summary>Values of a claim named by a dotted path into the token's JSON (<c>realm_access.roles</c>).</summary>
public static class ClaimPath
{
    public static IEnumerable<string> Read(ClaimsIdentity identity, string path)
    {
        var direct = identity.FindAll(path).Select(c => c.Value).ToList();
        if (direct.Count > 0 || !path.Contains('.')) return direct;

        // The JWT handler keeps a JSON object claim as one claim whose value is the object's JSON.
        var segments = path.Split('.');
        var values = new List<string>();
        foreach (var root in identity.FindAll(segments[0]))
        {
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(root.Value);
                var node = document.RootElement;
                var found = true;
                foreach (var segment in segments.Skip(1))
                {
                    if (node.ValueKind != System.Text.Json.JsonValueKind.Object || !node.TryGetProperty(segment, out node)) { found = false; break; }
                }
                if (!found) continue;
                if (node.ValueKind == System.Text.Json.JsonValueKind.Array)
                    values.AddRange(node.EnumerateArray().Select(v => v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString()! : v.GetRawText()));
                else values.Add(node.ValueKind == System.Text.Json.JsonValueKind.String ? node.GetString()! : node.GetRawText());
            }
            catch (System.Text.Json.JsonException) { }
        }
        return values;
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
