using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection;
using Spbe.Identity.Accounts;
using Spbe.Identity.Authorizing;
using Spbe.Identity.IssuingTokens;
using Spbe.Identity.SigningIn;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spbe.Identity;

/// <summary>
/// The system's OpenID Connect provider (OpenIddict): people sign in on its page (authorization code with PKCE, for the
/// portal), other systems by client credentials. In Development the demo people of every role sign in without a password
/// and tests may use the development grant; anywhere else only accounts (password and authenticator code) sign in, and
/// the start is refused while any development setting is on. An office with its own provider (Keycloak) points the
/// portal and the services at it instead (README, "Production settings").
/// </summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [AccountCommands.Verb or MigrateVerb, ..])
        {
            // The settings from the environment, as the provider's own (ConnectionStrings__spbe); the arguments are the command's.
            var cli = Host.CreateApplicationBuilder();
            cli.Logging.ClearProviders();
            var connectionString = cli.Configuration.GetConnectionString("spbe")
                ?? throw new InvalidOperationException("No database configured: set ConnectionStrings__spbe.");
            if (args[0] == MigrateVerb)
            {
                await MigrateAsync(connectionString, cli.Configuration["Database:RuntimeRole"]);
                await Console.Out.WriteLineAsync("The identity schema is that of this release.");
                return 0;
            }
            cli.Services.AddAccounts(connectionString);
            using var host = cli.Build();
            return await AccountCommands.RunAsync(host.Services, args[1..], Console.In, Console.Out, Console.Error);
        }
        var app = Build(args);
        await PrepareAsync(app);
        await app.RunAsync();
        return 0;
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
        var development = builder.Environment.IsDevelopment();
        Spbe.Hosting.ProductionGuard.Enforce(builder.Environment, "The identity provider", ProductionProblems(builder.Configuration, settings, connectionString));
        if (development) builder.Services.AddSingleton<IPeopleDirectory, ConfiguredPeople>();
        else builder.Services.AddAccounts(connectionString);
        // The sign-in cookie and the antiforgery tokens stay valid across restarts and replicas.
        var protectionKeys = Directory.CreateDirectory(Path.Combine(Path.GetFullPath(settings.KeysDirectory), "data-protection"));
        // Kept unencrypted like the signing keys beside them: readable by this process's user alone.
        if (!OperatingSystem.IsWindows()) protectionKeys.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        builder.Services.AddDataProtection().SetApplicationName("spbe-identity").PersistKeysToFileSystem(protectionKeys);

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
                var aspNetCore = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().EnableEndSessionEndpointPassthrough();
                // Development runs on plain HTTP on localhost; anywhere else OpenIddict refuses a request not made over TLS.
                if (development) aspNetCore.DisableTransportSecurityRequirement();
            });

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/masuk";
            o.Cookie.Name = "spbe.identity";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery();
        // The database away for a moment (a restart) is a 503 with Retry-After, as in the services, not a 500.
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<Spbe.ServiceDefaults.ProblemExceptionHandler>();

        var app = builder.Build();
        app.UseExceptionHandler();
        if (!development) app.UseHsts();
        app.Use((http, next) =>
        {
            // The sign-in page: no script, its own inline style sheet, never in a frame. No form-action: Chrome applies it
            // to the redirects after the sign-in form too, which end at the client's registered address.
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(http);
        });
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

    /// <summary>Every development setting that is on, and every secret that is weak: what production refuses.</summary>
    private static IEnumerable<string?> ProductionProblems(IConfiguration configuration, IdentitySettings settings, string connectionString)
    {
        yield return Spbe.Hosting.ProductionGuard.Https(configuration, "Identity:Issuer", "the address tokens name as their issuer, which the services trust");
        yield return Spbe.Hosting.ProductionGuard.DatabasePassword(connectionString);
        if (settings.AllowDevelopmentGrant) yield return "Identity__AllowDevelopmentGrant is on: anyone could get a token for any role.";
        if (settings.People.Count > 0) yield return $"Identity__People lists {settings.People.Count} demo people, who sign in without a password; production signs in accounts (`Spbe.Identity account add`).";
        foreach (var (id, client) in settings.Clients)
        {
            if (client.Grants.Contains("development")) yield return $"Identity__Clients__{id} has the development grant.";
            yield return Spbe.Hosting.ProductionGuard.Secret(client.Secret, $"Identity__Clients__{id}__Secret");
            foreach (var uri in client.RedirectUris.Concat(client.PostLogoutRedirectUris))
                if (!uri.StartsWith("https://", StringComparison.Ordinal)) yield return $"Identity__Clients__{id}: '{uri}' is not an https address.";
        }
    }

    /// <summary>The migration step's command: the schema, run once per release with the owner's connection.</summary>
    public const string MigrateVerb = Spbe.Hosting.DatabaseRoles.MigrateCommand;

    /// <summary>The migration step with the owner's <paramref name="connectionString"/>; grants <paramref name="runtimeRole"/> when given.</summary>
    public static async Task MigrateAsync(string connectionString, string? runtimeRole, CancellationToken ct = default)
    {
        var services = new ServiceCollection();
        services.AddDbContext<IdentityStore>(o => o.UseNpgsql(connectionString).UseOpenIddict());
        services.AddDbContext<Accounts.AccountStore>(o => o.UseNpgsql(connectionString));
        await using var provider = services.BuildServiceProvider();
        await IdentityStore.MigrateAsync(provider, connectionString, runtimeRole, ct);
    }

    /// <summary>
    /// Before the first request: the schema the migration step made (else a refusal naming it), a role that cannot change it
    /// (outside Development), and the configured clients.
    /// </summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        await using (var database = Npgsql.NpgsqlDataSource.Create(app.Configuration.GetConnectionString("spbe")!))
            await Spbe.ServiceDefaults.SchemaMigration.CheckServingAsync(database, IdentityStore.Schema, app.Environment, app.Logger);
        await ClientRegistration.RegisterAsync(app.Services, app.Services.GetRequiredService<IdentitySettings>());
    }
}
