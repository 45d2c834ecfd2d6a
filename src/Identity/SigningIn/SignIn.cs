using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Spbe.Identity.SigningIn;

/// <summary>
/// The sign-in page, in Bahasa Indonesia. In Development: pick one of the configured demo people, no password. Anywhere
/// else: an account's user name, password and authenticator code (<see cref="PasswordSignIn"/>).
/// </summary>
public static class SignIn
{
    public const string PersonClaim = "person";

    public static void MapSignIn(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.MapPasswordSignIn();
            return;
        }
        app.MapGet("/masuk", (HttpContext context, IdentitySettings settings, IAntiforgery antiforgery, string? returnUrl) =>
        {
            var token = antiforgery.GetAndStoreTokens(context);
            return Results.Content(Page(settings, token, SafeReturnUrl(returnUrl)), "text/html; charset=utf-8");
        });

        app.MapPost("/masuk", async (HttpContext context, IdentitySettings settings, [FromForm] string person, [FromForm] string? returnUrl) =>
        {
            if (!settings.People.TryGetValue(person, out var who))
                return Results.Problem(statusCode: 400, title: "Orang itu tidak dikenal.", detail: $"'{person}' is not a configured person.");
            var identity = new ClaimsIdentity([new Claim(PersonClaim, person), new Claim(ClaimTypes.Name, who.Name)], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        });
    }

    // Only back into this provider (the authorization endpoint): never an open redirect.
    internal static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";

    private static readonly Dictionary<string, string> RoleNames = new()
    {
        ["opd"] = "OPD (pemilik sistem)", ["staf-it"] = "Staf IT", ["kasi-aplikasi"] = "Kepala Seksi Aplikasi", ["programmer"] = "Programmer",
        ["its"] = "ITS", ["app-security"] = "Application Security", ["auditor"] = "Auditor (Inspektorat)", ["operator"] = "Operator",
    };

    internal const string Head = """
        <!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Masuk — SPBE Diskominfotik</title>
        <style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
        h1{font-size:1.5rem}p.note{color:#555}fieldset{border:1px solid #ccc;border-radius:.5rem;margin:1rem 0}
        button{display:block;width:100%;text-align:left;margin:.4rem 0;padding:.6rem .8rem;border:1px solid #0b5cad;border-radius:.4rem;background:#fff;color:#0b3d73;font-size:1rem;cursor:pointer}
        button:hover,button:focus{background:#e8f1fb}small{color:#444}label{display:block;margin:.8rem 0 .2rem}
        input[type=text],input[type=password]{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}p.error{color:#a00000}</style></head><body><main>
        <h1>Masuk ke SPBE Layanan Aplikasi</h1>
        """;

    private static string Page(IdentitySettings settings, AntiforgeryTokenSet token, string returnUrl)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder(Head).Append("""
            <p class="note">Penyedia identitas pengembangan: pilih orang yang ingin Anda perankan. Di kantor, masuk memakai akun SSO Pemda.</p>
            """);
        html.Append($"""<form method="post" action="/masuk"><input type="hidden" name="{E(token.FormFieldName)}" value="{E(token.RequestToken)}"><input type="hidden" name="returnUrl" value="{E(returnUrl)}">""");
        foreach (var group in settings.People.GroupBy(p => p.Value.Roles.FirstOrDefault() ?? ""))
        {
            html.Append($"<fieldset><legend>{E(RoleNames.GetValueOrDefault(group.Key, group.Key))}</legend>");
            foreach (var (id, person) in group)
            {
                var details = string.Join(" · ", new[] { person.Position, person.Opd is null ? null : $"OPD {person.Opd}", person.Nip is null ? null : $"NIP {person.Nip}" }.OfType<string>());
                html.Append($"""<button type="submit" name="person" value="{E(id)}"><strong>{E(person.Name)}</strong><br><small>{E(details)}</small></button>""");
            }
            html.Append("</fieldset>");
        }
        return html.Append("</form></main></body></html>").ToString();
    }
}
