using Spbe.Contracts;
using Spbe.Hosting;

namespace Spbe.Testing;

/// <summary>Tokens for any role, OPD and NIP, signed with a key made up for this test process.</summary>
public static class TestTokens
{
    public static readonly DevelopmentTokens Issuer = new(DevelopmentTokens.NewKey());

    /// <summary>A valid NIP for test people (born 1985-03-12, appointed 2010-01, man, #001).</summary>
    public const string SampleNip = "198503122010011001";

    public static string For(string role, string? opd = null, string? sub = null, string? name = null, string? nip = null) =>
        Issuer.Mint(new TokenRequest(sub ?? $"{role}-user", name ?? $"Test {role}", [role],
            opd ?? (role == Roles.Opd ? "DINKES" : null), nip));

    public static string Mint(TokenRequest request, TimeSpan? lifetime = null, DateTime? now = null) =>
        Issuer.Mint(request, lifetime, now);
}
