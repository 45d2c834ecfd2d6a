using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Spbe.Hosting;

/// <summary>What a development token says about its holder.</summary>
public sealed record TokenRequest(string Sub, string Name, IReadOnlyList<string> Roles, string? Opd = null, string? Nip = null);

/// <summary>
/// The development identity: HS256 tokens signed with a key the AppHost generates (and the tests
/// make up). The services validate them with the same code that validates the office's OpenID
/// Connect tokens in production; only the key source differs.
/// </summary>
public sealed class DevelopmentTokens(byte[] signingKey, string issuer = DevelopmentTokens.DefaultIssuer, string audience = DevelopmentTokens.DefaultAudience)
{
    public const string DefaultIssuer = "spbe-dev";
    public const string DefaultAudience = "spbe";

    public string Issuer => issuer;
    public string Audience => audience;
    public string SigningKeyBase64 => Convert.ToBase64String(signingKey);

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    /// <summary>The <c>Auth__*</c> settings a service needs to trust these tokens.</summary>
    public IReadOnlyDictionary<string, string> ServiceSettings() => new Dictionary<string, string>
    {
        ["Auth:Issuer"] = issuer,
        ["Auth:Audience"] = audience,
        ["Auth:SigningKey"] = SigningKeyBase64,
    };

    public string Mint(TokenRequest who, TimeSpan? lifetime = null, DateTime? now = null)
    {
        var issuedAt = now ?? DateTime.UtcNow;
        var claims = new List<Claim> { new("sub", who.Sub), new("name", who.Name) };
        claims.AddRange(who.Roles.Select(r => new Claim("role", r)));
        if (who.Opd is not null) claims.Add(new Claim("opd", who.Opd));
        if (who.Nip is not null) claims.Add(new Claim("nip", who.Nip));

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = issuedAt,
            NotBefore = issuedAt.AddMinutes(-1),
            Expires = issuedAt + (lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signingKey), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
