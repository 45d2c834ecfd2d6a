namespace Spbe.Contracts;

/// <summary>The roles a token can carry (claim <c>role</c>). Names are the wire values.</summary>
public static class Roles
{
    /// <summary>An agency's (OPD) staff; always bound to one OPD code by the <c>opd</c> claim.</summary>
    public const string Opd = "opd";
    public const string StafIt = "staf-it";
    public const string KasiAplikasi = "kasi-aplikasi";
    public const string Programmer = "programmer";
    public const string Its = "its";
    public const string AppSecurity = "app-security";
    /// <summary>Inspectors (Inspektorat, BPK): read-only, everything.</summary>
    public const string Auditor = "auditor";
    /// <summary>Runs the platform.</summary>
    public const string Operator = "operator";

    public static readonly IReadOnlyList<string> All =
        [Opd, StafIt, KasiAplikasi, Programmer, Its, AppSecurity, Auditor, Operator];

    /// <summary>Who can be named in a team (Surat Tugas) and act on its work order.</summary>
    public static readonly IReadOnlyList<string> Team = [Programmer, StafIt, Its, AppSecurity];

    /// <summary>The team members who carry out the work (step 3); a team needs at least one.</summary>
    public static readonly IReadOnlyList<string> Executors = [Programmer, StafIt, Its];

    /// <summary>The office's roles: they read every request (the auditor read-only).</summary>
    public static readonly IReadOnlyList<string> Office = [StafIt, KasiAplikasi, Programmer, Its, AppSecurity, Auditor];

    /// <summary>Who may read a request's resources at all: its OPD (only its own) and the office.</summary>
    public static readonly IReadOnlyList<string> RequestReaders = [Opd, .. Office];

    /// <summary>The office's roles that oversee every case and work order, team or not.</summary>
    public static readonly IReadOnlyList<string> Oversight = [KasiAplikasi, StafIt, Auditor];

    public static bool IsKnown(string role) => All.Contains(role);
}

/// <summary>Claim types the services read from a token.</summary>
public static class SpbeClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    /// <summary>The OPD code an <c>opd</c> user belongs to.</summary>
    public const string Opd = "opd";
    public const string Nip = "nip";
}
