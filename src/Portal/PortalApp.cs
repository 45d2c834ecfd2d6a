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
        builder.Services.AddPortalSignIn(builder.Configuration);
        builder.Services.AddServiceClients(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new Spbe.Sop.WorkingCalendar(Spbe.Sop.CalendarOptions.Shipped()));

        var app = builder.Build();
        app.UseExceptionHandler("/galat", createScopeForErrors: true);
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
        app.MapGet("/keluar", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/" });
        });
        app.MapGet("/bahasa/{culture}", (string culture, string? kembali, HttpContext http) =>
        {
            var chosen = culture == "en" ? Texts.English : Texts.Indonesian;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(kembali is { Length: > 0 } && kembali.StartsWith('/') ? kembali : "/");
        }).AllowAnonymous();
        app.MapDownloads();
        app.MapRazorComponents<App>();
        return app;
    }
}
