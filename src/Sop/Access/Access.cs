using Spbe.Contracts;

namespace Spbe.Sop;

public enum Verdict
{
    Allowed,
    /// <summary>403: the caller may know the resource exists but not do this.</summary>
    Forbidden,
    /// <summary>404: the caller may not even know the resource exists (another OPD's).</summary>
    Hidden,
}

/// <summary>
/// The one place that decides whether a caller may use an endpoint on a resource: the row's roles,
/// then its scope asked of the resource. Services apply it to every endpoint; the matrix test
/// takes its expectations from it.
/// </summary>
public static class Access
{
    /// <summary>The verdict for a caller on a row; <paramref name="resource"/> is null for endpoints without one (lists, submissions).</summary>
    public static Verdict Decide(Caller caller, Permission row, IRequestResource? resource)
    {
        if (!caller.IsAny(row.Roles)) return Verdict.Forbidden;
        if (resource is null) return Verdict.Allowed;
        var ownOpd = caller.Is(Roles.Opd) && caller.Opd == resource.Opd;
        var onTeam = caller.IsAny(Roles.Team) && resource.IsMember(caller.Nip);
        return row.Scope switch
        {
            Scope.Any or Scope.Filtered => Verdict.Allowed,
            Scope.OwnOpd => ownOpd || caller.IsAny(row.Roles.Where(r => r != Roles.Opd)) ? Verdict.Allowed : Verdict.Hidden,
            Scope.TeamExecutor => caller.IsAny(Roles.Executors) && resource.IsExecutor(caller.Nip) ? Verdict.Allowed : Verdict.Forbidden,
            Scope.TeamOrOwnOpd => caller.IsAny(Roles.Oversight) || onTeam || ownOpd ? Verdict.Allowed
                : caller.Is(Roles.Opd) && !caller.IsAny(Roles.Team) ? Verdict.Hidden : Verdict.Forbidden,
            Scope.TeamAppSecurity => caller.Is(Roles.AppSecurity) && resource.IsAppSecurity(caller.Nip) ? Verdict.Allowed : Verdict.Forbidden,
            _ => Verdict.Forbidden,
        };
    }

    /// <summary>Why a scope forbids, as the 403 says it.</summary>
    public static string WhyForbidden(Scope scope) => scope switch
    {
        Scope.TeamExecutor => "Only the executors named in this request's Surat Tugas (programmer, ITS, Staf IT; by the NIP in their token) carry out the work; its app-security member checks it.",
        Scope.TeamOrOwnOpd => "Only the team, the Kasi, Staf IT, the auditor and the requesting OPD see a work order.",
        Scope.TeamAppSecurity => "Only the app-security member of this request's team records the internal check.",
        _ => "This role may not do this.",
    };
}
