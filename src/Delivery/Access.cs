using System.Security.Claims;
using Microsoft.Extensions.Hosting;
using Spbe.Contracts;

namespace Spbe.Delivery;

/// <summary>Who may act on a work order: the team (by the NIP in their token), the app-security member, the requesting OPD, the Kasi.</summary>
public static class WorkOrderAccess
{
    public static readonly string[] TeamRoles = [Roles.Programmer, Roles.StafIt, Roles.Its, Roles.AppSecurity];

    public static string? Nip(this ClaimsPrincipal user) => user.FindFirst(SpbeClaims.Nip)?.Value;

    public static bool IsTeamMember(ClaimsPrincipal user, WorkOrder w) => user.HasAnyRole(TeamRoles) && w.IsMember(user.Nip());

    /// <summary>Read access: the Kasi, the auditor, staff of the team, and the requesting OPD.</summary>
    public static bool CanSee(ClaimsPrincipal user, WorkOrder w) =>
        user.HasAnyRole(Roles.KasiAplikasi, Roles.Auditor, Roles.StafIt)
        || IsTeamMember(user, w)
        || (user.IsInRole(Roles.Opd) && user.OpdCode() == w.Opd);

    /// <summary>An OPD user of another agency must not learn the work order exists.</summary>
    public static bool Hidden(ClaimsPrincipal user, WorkOrder w) =>
        user.IsInRole(Roles.Opd) && !user.HasAnyRole(TeamRoles) && !user.HasAnyRole(Roles.KasiAplikasi, Roles.Auditor) && user.OpdCode() != w.Opd;
}
