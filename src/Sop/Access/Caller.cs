namespace Spbe.Sop;

/// <summary>Who is calling, as the access rules need it: the roles, the OPD (agency users), the NIP (civil servants).</summary>
public sealed record Caller(IReadOnlyCollection<string> Roles, string? Opd, string? Nip)
{
    public bool Is(string role) => Roles.Contains(role);

    public bool IsAny(IEnumerable<string> roles) => roles.Any(Roles.Contains);
}
