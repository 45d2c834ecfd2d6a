using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Spbe.Identity.Authorizing;
using Spbe.Identity.IssuingTokens;
using Spbe.Identity.SigningIn;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spbe.Identity;

/// <summary>
/// The OpenID Connect provider of development and tests (OpenIddict), a resource of the AppHost: the
/// demo people of every role sign in on its page (authorization code with PKCE, for the portal),
/// other systems by client credentials. Production uses the office's own provider instead.
/// </summary>
public sealed class Program
{
    public static async Task Main(string[] args)
    {
        var app = Build(args);
        await PrepareAsync(app);
        await app.RunAsync();
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        var settings = builder.Configuration.GetSection("Identity").Get<IdentitySettings>() ?? new IdentitySettings();
        builder.Services.AddSingleton(settings);
        var connectionString = builder.Configuration.GetConnectionString("spbe")
            ?? throw new InvalidOperationException("No database configured: set ConnectionStrings__spbe (the AppHost does this for you).");
        builder.Services.AddDbContext<IdentityStore>(o => o.UseNpgsql(connectionString).UseOpenIddict());

        var (signing, encryption) = KeyRing.Load(settings, DateTimeOffset.UtcNow);
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityStore>())
            .AddServer(o =>
            {
                if (settings.Issuer is { Length: > 0 } issuer) o.SetIssuer(new Uri(issuer));
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetEndSessionEndpointUris("connect/logout");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow().AllowClientCredentialsFlow();
                if (settings.AllowDevelopmentGrant) o.AllowCustomFlow(DevelopmentGrant.Type);
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, "spbe");
                o.SetAccessTokenLifetime(settings.AccessTokenLifetime);
                // RFC 9068 JWT access tokens the services validate with the published keys.
                o.DisableAccessTokenEncryption();
                o.AddSigningCertificates(signing).AddEncryptionCertificate(encryption);
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().EnableEndSessionEndpointPassthrough()
                    // Development runs on plain HTTP on localhost; production is the office's provider, behind TLS.
                    .DisableTransportSecurityRequirement();
            });

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/masuk";
            o.Cookie.Name = "spbe.identity";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery();
        // The database away for a moment (a restart) is a 503 with Retry-After, as in the services, not a 500.
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<Spbe.ServiceDefaults.ProblemExceptionHandler>();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapHealthChecks(Extensions.HealthEndpointPath);
        app.MapHealthChecks(Extensions.AlivenessEndpointPath, new() { Predicate = r => r.Tags.Contains("live") });
        app.MapGet("/", () => Results.Redirect("/masuk"));
        app.MapSignIn();
        app.MapAuthorize();
        app.MapToken();
        return app;
    }

    /// <summary>The store's tables and the configured clients, before the first request.</summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        await IdentityStore.CreateTablesAsync(app.Services);
        await ClientRegistration.RegisterAsync(app.Services, app.Services.GetRequiredService<IdentitySettings>());
    }
}
