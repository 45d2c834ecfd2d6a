using Spbe.Contracts;

namespace Spbe.Testing;

/// <summary>Tokens for any role, OPD and NIP, from the tests' identity provider (<see cref="TestIdentity"/>).</summary>
public static class TestTokens
{
    /// <summary>A valid NIP for test people (born 1985-03-12, appointed 2010-01, man, #001).</summary>
    public const string SampleNip = "198503122010011001";

    public static string For(string role, string? opd = null, string? sub = null, string? name = null, string? nip = null) =>
        For(sub ?? $"{role}-user", name ?? $"Test {role}", [role], opd ?? (role == Roles.Opd ? "DINKES" : null), nip);

    public static string For(string sub, string name, IReadOnlyList<string> roles, string? opd = null, string? nip = null) =>
        // Tests ask for tokens in their arrange steps, often outside async code; the provider answers on loopback.
        Task.Run(async () => await (await TestIdentity.Instance).TokenAsync(sub, name, roles, opd, nip)).GetAwaiter().GetResult();
}

/// <summary>Tokens the services must refuse, made the way a forger or a broken clock would.</summary>
public static class BadTokens
{
    private static System.Security.Claims.Claim[] Claims(IEnumerable<string> roles) =>
        [new("sub", "x"), new("name", "x"), .. roles.Select(r => new System.Security.Claims.Claim("role", r))];

    private static string Run(Func<TestIdentity, Task<string>> make) =>
        Task.Run(async () => await make(await TestIdentity.Instance)).GetAwaiter().GetResult();

    /// <summary>Signed by the provider's own key, but it expired an hour ago.</summary>
    public static string Expired(params string[] roles) => Run(p =>
        p.ForgeAsync(Claims(roles), issuedAt: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddHours(-1)));

    /// <summary>Well formed, but signed by a key the provider never published.</summary>
    public static string OfAnotherKey(params string[] roles) => Run(p =>
        p.ForgeAsync(Claims(roles), credentials: new Microsoft.IdentityModel.Tokens.SigningCredentials(
            new Microsoft.IdentityModel.Tokens.RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "not-published" },
            Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256)));
}
