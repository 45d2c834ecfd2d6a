using System.Text.RegularExpressions;

namespace Spbe.Sop;

/// <summary>What limits an allowed role further, beyond its role.</summary>
public enum Scope
{
    /// <summary>The role is enough.</summary>
    Any,
    /// <summary>An <c>opd</c> user acts only on its own OPD's requests; another OPD's are 404 (their existence not revealed).</summary>
    OwnOpd,
    /// <summary>Only the team's executors as named in the Surat Tugas (by the NIP in the token, under an executor role); others 403, the team's app-security member too.</summary>
    TeamExecutor,
    /// <summary>Reads of a team's work: the team's members, the office's oversight (Kasi, Staf IT, auditor), the requesting OPD (another OPD's are 404).</summary>
    TeamOrOwnOpd,
    /// <summary>Only the team's <c>app-security</c> member.</summary>
    TeamAppSecurity,
    /// <summary>Lists: each caller sees only what it may see (its OPD's, its team's).</summary>
    Filtered,
}

/// <summary>One row of the authorization matrix: an endpoint of a service, the roles allowed, the scope on top.</summary>
public sealed record Permission(string Service, string Method, string Path, IReadOnlyList<string> Roles, Scope Scope, string What)
{
    /// <summary>Whether this row is the endpoint <paramref name="method"/> <paramref name="path"/> (route constraints such as <c>{id:guid}</c> ignored).</summary>
    public bool Matches(string method, string path) => Method == method && Normalize(Path) == Normalize(path);

    private static string Normalize(string path) => Regex.Replace(path.TrimEnd('/'), @"\{(\w+)(:[^}]*)?\}", "{$1}");
}
