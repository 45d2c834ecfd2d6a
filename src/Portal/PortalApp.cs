using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Localization;
using Spbe.Portal.Components;

namespace Spbe.Portal;

/// <summary>The portal: Blazor server-side rendering; the browser holds a session cookie, the server the user's tokens.</summary>
public static class PortalApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Services.AddRazorComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddHealthChecks();
        builder.Services.AddPortalSignIn(builder.Configuration, builder.Environment);
        builder.Services.AddServiceClients(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new Spbe.Sop.WorkingCalendar(Spbe.Sop.CalendarOptions.Shipped()));

        var app = builder.Build();
        app.UseExceptionHandler("/galat", createScopeForErrors: true);
        // Under TLS (directly or, with ASPNETCORE_FORWARDEDHEADERS_ENABLED=true, behind the office's proxy) browsers
        // are told to come back over HTTPS only; plain-HTTP development gets no such header.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        var signInOrigin = new Uri(builder.Configuration["Auth:Authority"]!).GetLeftPart(UriPartial.Authority);
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            // The pages run no script and load only the portal's own style sheet; forms go to the portal, and
            // sign-out's form redirects on to the identity provider.
            headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self' {signInOrigin}; " +
                                            "frame-ancestors 'none'; base-uri 'self'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            return next(http);
        });
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Texts.Indonesian),
            SupportedCultures = [new CultureInfo(Texts.Indonesian), new CultureInfo(Texts.English)],
            SupportedUICultures = [new CultureInfo(Texts.Indonesian), new CultureInfo(Texts.English)],
            RequestCultureProviders = [new CookieRequestCultureProvider()],
        });
        app.MapStaticAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health").AllowAnonymous();
        // The same answer under the liveness address every process has (Kubernetes probes one path for all).
        app.MapHealthChecks("/alive").AllowAnonymous();
        // A form's POST with its antiforgery token: a link or an image on another site cannot sign anyone out.
        app.MapPost("/keluar", async (HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/" });
            return Results.Empty;
        }).DisableAntiforgery();
        app.MapGet("/bahasa/{culture}", (string culture, string? kembali, HttpContext http) =>
        {
            var chosen = culture == "en" ? Texts.English : Texts.Indonesian;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(IsLocal(kembali) ? kembali! : "/");
        }).AllowAnonymous();
        app.MapDownloads();
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>A path on this site: "/x", not "//host" or "/\\host", which browsers read as another site.</summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl);
}
