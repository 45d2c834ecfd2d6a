using Spbe.Contracts;
using Spbe.ServiceDefaults;

namespace Spbe.Reporting;

public static class ReportingRoles
{
    /// <summary>SLA figures and reports.</summary>
    public const string Sla = $"{Roles.KasiAplikasi},{Roles.StafIt},{Roles.Auditor},{Roles.Operator}";
    /// <summary>The audit log.</summary>
    public const string Audit = $"{Roles.Auditor},{Roles.KasiAplikasi}";
}
