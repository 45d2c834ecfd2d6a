using System.Security.Claims;
using OpenIddict.Abstractions;
using Spbe.Contracts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spbe.Identity;

/// <summary>What a token says about its holder: the claims the services read (RFC 9068 names, plus <c>opd</c> and <c>nip</c>).</summary>
public static class People
{
    public const string OpdClaim = "opd", NipClaim = "nip";

    /// <summary>
    /// The identity behind a token. The access token carries everything the services decide on; the
    /// identity token (for the portal) the name, email and roles to show.
    /// </summary>
    public static ClaimsIdentity Identity(string subject, string name, IEnumerable<string> roles, string? opd, string? nip, string? email,
        IEnumerable<string> scopes, string audience)
    {
        var identity = new ClaimsIdentity(authenticationType: "spbe", nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, subject).SetClaim(Claims.Name, name);
        if (email is not null) identity.SetClaim(Claims.Email, email);
        if (opd is not null) identity.SetClaim(OpdClaim, OpdCode.Normalize(opd));
        if (nip is not null) identity.SetClaim(NipClaim, nip);
        foreach (var role in roles.Distinct()) identity.AddClaim(new Claim(Claims.Role, role));
        identity.SetScopes(scopes);
        identity.SetAudiences(audience);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.Email or Claims.Role or OpdClaim or NipClaim => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return identity;
    }

    public static ClaimsIdentity Identity(string id, Person person, IEnumerable<string> scopes, string audience) =>
        Identity(id, person.Name, person.Roles, person.Opd, person.Nip, person.Email, scopes, audience);

    /// <summary>Why a person (configured, or asked for through the development grant) cannot be given a token, per field; empty when it can.</summary>
    public static Dictionary<string, string[]> Problems(string? subject, string? name, IReadOnlyCollection<string> roles, string? opd, string? nip)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(subject)) errors["sub"] = ["Required."];
        if (string.IsNullOrWhiteSpace(name)) errors["name"] = ["Required."];
        if (roles.Count == 0) errors["role"] = ["At least one role."];
        else if (roles.FirstOrDefault(r => !Roles.IsKnown(r)) is { } unknown) errors["role"] = [$"Unknown role '{unknown}'; one of: {string.Join(", ", Roles.All)}."];
        if (roles.Contains(Roles.Opd) && !OpdCode.IsValid(opd is null ? null : OpdCode.Normalize(opd))) errors["opd"] = ["An opd user needs a valid OPD code."];
        if (nip is not null && !Nip.IsValid(nip, out var why)) errors["nip"] = [why];
        return errors;
    }
}
