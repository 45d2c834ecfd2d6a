using System.Security.Claims;
using Microsoft.Extensions.Hosting;
using Spbe.Contracts;

namespace Spbe.ServiceDefaults;

/// <summary>Who may read a request's resources in any service.</summary>
public static class Access
{
    /// <summary>The office's roles that may read every request (the auditor read-only).</summary>
    public static readonly string[] OfficeReaders =
        [Roles.StafIt, Roles.KasiAplikasi, Roles.Programmer, Roles.Its, Roles.AppSecurity, Roles.Auditor];

    /// <summary>An <c>opd</c> user sees only their own OPD's requests; the office's roles see all.</summary>
    public static bool CanSee(ClaimsPrincipal user, string requestOpd) =>
        user.HasAnyRole(OfficeReaders) || (user.IsInRole(Roles.Opd) && user.OpdCode() == requestOpd);

    /// <summary>For an <c>opd</c> user acting as the requester: their request or nothing (404, existence not revealed).</summary>
    public static bool IsOwnOpd(ClaimsPrincipal user, string requestOpd) =>
        user.IsInRole(Roles.Opd) && user.OpdCode() == requestOpd;
}
