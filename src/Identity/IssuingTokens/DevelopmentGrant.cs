namespace Spbe.Identity.IssuingTokens;

/// <summary>
/// An extension grant (RFC 6749 §4.5) of development and tests: a token for the person the caller
/// describes (<c>sub</c>, <c>name</c>, <c>role</c>…, <c>opd</c>, <c>nip</c>, <c>email</c>), signed and
/// shaped exactly like the tokens of a real sign-in. Only clients given the grant, and only when
/// <c>Identity:AllowDevelopmentGrant</c> is on; never in production.
/// </summary>
public static class DevelopmentGrant
{
    public const string Type = "urn:spbe:params:oauth:grant-type:development";
}
