using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Spbe.Identity.Accounts;

namespace Spbe.Identity.SigningIn;

/// <summary>
/// Production's sign-in: user name, password and the six-digit code of the person's authenticator app. One answer for
/// every failure (no way to learn which user names exist); five failures lock the account for 15 minutes.
/// </summary>
public static class PasswordSignIn
{
    public static void MapPasswordSignIn(this WebApplication app)
    {
        app.MapGet("/masuk", (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            Results.Content(Page(antiforgery.GetAndStoreTokens(context), SignIn.SafeReturnUrl(returnUrl), null), "text/html; charset=utf-8"));

        app.MapPost("/masuk", async (HttpContext context, IAntiforgery antiforgery, UserManager<Account> users,
            [FromForm] string? username, [FromForm] string? password, [FromForm] string? code, [FromForm] string? returnUrl) =>
        {
            var back = SignIn.SafeReturnUrl(returnUrl);
            var account = username is { Length: > 0 } ? await users.FindByNameAsync(username.Trim().ToLowerInvariant()) : null;
            string? refusal = null;
            if (account is null || account.IsDisabled) refusal = Wrong;
            else if (await users.IsLockedOutAsync(account)) refusal = "Akun ini dikunci sementara setelah beberapa kali gagal masuk. Coba lagi 15 menit lagi.";
            else if (!await users.CheckPasswordAsync(account, password ?? "")
                     || !await users.VerifyTwoFactorTokenAsync(account, TokenOptions.DefaultAuthenticatorProvider, (code ?? "").Replace(" ", "")))
            {
                await users.AccessFailedAsync(account);
                refusal = Wrong;
            }
            if (refusal is not null)
                return Results.Content(Page(antiforgery.GetAndStoreTokens(context), back, refusal), "text/html; charset=utf-8", statusCode: 400);

            await users.ResetAccessFailedCountAsync(account!);
            var identity = new ClaimsIdentity([new Claim(SignIn.PersonClaim, account!.UserName!), new Claim(ClaimTypes.Name, account.Name)],
                CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(back);
        });
    }

    private const string Wrong = "Nama pengguna, kata sandi, atau kode autentikator salah.";

    private static string Page(AntiforgeryTokenSet token, string returnUrl, string? error)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        return SignIn.Head + (error is null ? "" : $"""<p class="error" role="alert">{E(error)}</p>""") + $"""
            <form method="post" action="/masuk">
            <input type="hidden" name="{E(token.FormFieldName)}" value="{E(token.RequestToken)}"><input type="hidden" name="returnUrl" value="{E(returnUrl)}">
            <label for="username">Nama pengguna</label><input type="text" id="username" name="username" autocomplete="username" required autofocus>
            <label for="password">Kata sandi</label><input type="password" id="password" name="password" autocomplete="current-password" required>
            <label for="code">Kode autentikator (6 angka)</label><input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" required>
            <button type="submit">Masuk</button>
            </form></main></body></html>
            """;
    }
}
