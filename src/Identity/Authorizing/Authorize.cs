using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spbe.Identity.Authorizing;

/// <summary>
/// The authorization endpoint (code flow with PKCE): a person not yet signed in here is sent to the
/// sign-in page and back; a signed-in person gets a code for the client that asked.
/// </summary>
public static class Authorize
{
    public static void MapAuthorize(this WebApplication app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext context, IdentitySettings settings, Accounts.IPeopleDirectory people) =>
        {
            var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            var signedIn = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            var personId = signedIn.Principal?.FindFirst(SigningIn.SignIn.PersonClaim)?.Value;
            var person = personId is null ? null : await people.FindAsync(personId);
            if (person is null || request.HasPromptValue(PromptValues.Login))
            {
                // Back to this same request after signing in.
                var query = context.Request.HasFormContentType
                    ? QueryString.Create(context.Request.Form.Select(f => KeyValuePair.Create(f.Key, (string?)f.Value.ToString())).Where(p => p.Key != "prompt"))
                    : context.Request.QueryString;
                return Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + query },
                    [CookieAuthenticationDefaults.AuthenticationScheme]);
            }

            return Results.SignIn(new ClaimsPrincipal(People.Identity(personId!, person, request.GetScopes(), settings.Audience)),
                authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }).DisableAntiforgery();

        // Signing out of the portal signs out here too, then back to the client.
        app.MapMethods("/connect/logout", ["GET", "POST"], async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }).DisableAntiforgery();
    }
}
