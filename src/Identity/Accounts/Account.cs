using Microsoft.AspNetCore.Identity;

namespace Spbe.Identity.Accounts;

/// <summary>
/// A person who signs in with a password and an authenticator code (ASP.NET Core Identity: PBKDF2 password hashes,
/// lockout after failed attempts, TOTP by RFC 6238). The user name is the subject of every token and of the audit trail.
/// </summary>
public sealed class Account : IdentityUser
{
    public string Name { get; set; } = "";
    public string? Nip { get; set; }
    public string? Opd { get; set; }
    public string? Position { get; set; }
    public List<string> Roles { get; set; } = [];

    /// <summary>Disabled by the operator: locked out for good, Identity's own convention.</summary>
    public bool IsDisabled => LockoutEnd == DateTimeOffset.MaxValue;

    public Person ToPerson() => new() { Name = Name, Nip = Nip, Opd = Opd, Email = Email, Position = Position, Roles = [.. Roles] };
}
