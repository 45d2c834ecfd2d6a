using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spbe.Identity.IssuingTokens;

/// <summary>The token endpoint: authorization codes and refresh tokens of people, client credentials of systems, the development grant.</summary>
public static class Token
{
    public static void MapToken(this WebApplication app) => app.MapPost("/connect/token", async (HttpContext context, IdentitySettings settings, Accounts.IPeopleDirectory people) =>
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var scopes = request.GetScopes();

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var subject = granted?.GetClaim(Claims.Subject);
            // Who a person is comes from the configuration now, not from when they signed in.
            return subject is not null && await people.FindAsync(subject) is { } person
                ? SignIn(People.Identity(subject, person, granted!.GetScopes(), settings.Audience))
                : Refuse(Errors.InvalidGrant, "That person can no longer sign in.");
        }

        if (request.IsClientCredentialsGrantType())
        {
            return request.ClientId is { } id && settings.Clients.TryGetValue(id, out var client)
                ? SignIn(People.Identity(id, client.DisplayName, client.Roles, null, null, null, scopes, settings.Audience))
                : Refuse(Errors.InvalidClient, "Unknown client.");
        }

        if (request.GrantType == DevelopmentGrant.Type)
        {
            // role may be given more than once (role=programmer&role=its).
            var roles = ((Microsoft.Extensions.Primitives.StringValues)request.GetParameter("role")).OfType<string>().ToList();
            var (sub, name, opd, nip, email) = ((string?)request["sub"], (string?)request["name"], (string?)request["opd"], (string?)request["nip"], (string?)request["email"]);
            var problems = People.Problems(sub, name, roles, opd, nip);
            return problems.Count > 0
                ? Refuse(Errors.InvalidRequest, string.Join(" ", problems.Select(p => $"{p.Key}: {string.Join(" ", p.Value)}")))
                : SignIn(People.Identity(sub!, name!, roles, opd, nip, email, scopes, settings.Audience));
        }

        return Refuse(Errors.UnsupportedGrantType, "This grant is not supported.");
    });

    private static IResult SignIn(ClaimsIdentity identity) =>
        Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
