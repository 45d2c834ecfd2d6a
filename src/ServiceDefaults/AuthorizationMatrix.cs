using System.Text;
using Spbe.Contracts;
using static Spbe.Contracts.Roles;

namespace Spbe.ServiceDefaults;

/// <summary>What limits an allowed role further, beyond its role.</summary>
public enum Scope
{
    /// <summary>The role is enough.</summary>
    Any,
    /// <summary>An <c>opd</c> user acts only on its own OPD's requests; another OPD's are 404 (their existence not revealed).</summary>
    OwnOpd,
    /// <summary>Only members of the request's team (by the NIP in the token); others 403. <c>opd</c> users of another OPD get 404.</summary>
    TeamMember,
    /// <summary>Only the team's <c>app-security</c> member.</summary>
    TeamAppSecurity,
    /// <summary>Lists: each caller sees only what it may see (its OPD's, its team's).</summary>
    Filtered,
}

/// <summary>One endpoint: who may call it.</summary>
public sealed record Permission(string Service, string Method, string Path, IReadOnlyList<string> Roles, Scope Scope, string What);

/// <summary>
/// The authorization matrix, written once: every endpoint of every service, the roles allowed, and
/// the scope rule on top. Each service applies it to its endpoints at start-up (an endpoint missing
/// here fails the start); the README's table is generated from it and a test keeps the two equal.
/// </summary>
public static class AuthorizationMatrix
{
    private static readonly string[] Office = [StafIt, KasiAplikasi, Programmer, Its, AppSecurity, Auditor];
    private static readonly string[] SeeRequest = [Opd, .. Office];
    private static readonly string[] Team = [Programmer, StafIt, Its, AppSecurity];
    private static readonly string[] AnalysisReaders = [KasiAplikasi, StafIt, Auditor];
    private static readonly string[] WorkReaders = [Opd, KasiAplikasi, Auditor, StafIt, Programmer, Its, AppSecurity];
    private static readonly string[] SlaReaders = [KasiAplikasi, StafIt, Auditor, Operator];

    public static readonly IReadOnlyList<Permission> All =
    [
        new(Topology.Intake, "POST", "/requests", [Opd], Scope.Any, "submit a request (for the OPD in the token)"),
        new(Topology.Intake, "POST", "/requests/{id}/attachments", [Opd], Scope.OwnOpd, "attach a document"),
        new(Topology.Intake, "GET", "/requests/{id}/attachments/{attachmentId}", SeeRequest, Scope.OwnOpd, "download an attachment"),
        new(Topology.Intake, "POST", "/requests/{id}/register", [StafIt], Scope.Any, "register a complete request"),
        new(Topology.Intake, "POST", "/requests/{id}/return", [StafIt], Scope.Any, "return an incomplete request"),
        new(Topology.Intake, "PUT", "/requests/{id}", [Opd], Scope.OwnOpd, "amend a returned request"),
        new(Topology.Intake, "POST", "/requests/{id}/resubmit", [Opd], Scope.OwnOpd, "resubmit"),
        new(Topology.Intake, "POST", "/requests/{id}/withdraw", [Opd], Scope.OwnOpd, "withdraw"),
        new(Topology.Intake, "GET", "/requests/{id}", SeeRequest, Scope.OwnOpd, "read a request"),
        new(Topology.Intake, "GET", "/requests", SeeRequest, Scope.Filtered, "list requests"),
        new(Topology.Intake, "GET", "/requests/{id}/history", SeeRequest, Scope.OwnOpd, "a request's events"),

        new(Topology.Assignment, "GET", "/analyses", AnalysisReaders, Scope.Any, "the Kasi's inbox"),
        new(Topology.Assignment, "GET", "/analyses/{id}", AnalysisReaders, Scope.Any, "read a case"),
        new(Topology.Assignment, "POST", "/analyses/{id}/result", [KasiAplikasi], Scope.Any, "record the Hasil analisis"),
        new(Topology.Assignment, "POST", "/analyses/{id}/reject", [KasiAplikasi], Scope.Any, "reject"),
        new(Topology.Assignment, "POST", "/analyses/{id}/team", [KasiAplikasi], Scope.Any, "issue the Surat Tugas"),
        new(Topology.Assignment, "GET", "/analyses/{id}/history", AnalysisReaders, Scope.Any, "a case's events"),

        new(Topology.Delivery, "GET", "/work-orders", WorkReaders, Scope.Filtered, "list work orders"),
        new(Topology.Delivery, "GET", "/work-orders/{id}", WorkReaders, Scope.TeamMember, "read a work order (team, OPD, Kasi, Staf IT, auditor)"),
        new(Topology.Delivery, "POST", "/work-orders/{id}/start", Team, Scope.TeamMember, "start the work"),
        new(Topology.Delivery, "POST", "/work-orders/{id}/progress", Team, Scope.TeamMember, "note progress"),
        new(Topology.Delivery, "POST", "/work-orders/{id}/report", Team, Scope.TeamMember, "submit the execution report"),
        new(Topology.Delivery, "POST", "/work-orders/{id}/internal-check", [AppSecurity], Scope.TeamAppSecurity, "record the internal check"),
        new(Topology.Delivery, "POST", "/work-orders/{id}/owner-check", [Opd], Scope.OwnOpd, "record the owner check"),
        new(Topology.Delivery, "POST", "/work-orders/{id}/handover", [KasiAplikasi], Scope.Any, "record the handover"),
        new(Topology.Delivery, "GET", "/work-orders/{id}/history", WorkReaders, Scope.TeamMember, "a work order's events"),

        new(Topology.Reporting, "GET", "/timelines/{id}", SeeRequest, Scope.OwnOpd, "a request's timeline"),
        new(Topology.Reporting, "GET", "/sla/overdue", SlaReaders, Scope.Any, "overdue steps"),
        new(Topology.Reporting, "GET", "/sla/compliance", SlaReaders, Scope.Any, "compliance"),
        new(Topology.Reporting, "GET", "/reports/monthly", SlaReaders, Scope.Any, "the monthly report"),
        new(Topology.Reporting, "GET", "/audit", [Auditor, KasiAplikasi], Scope.Any, "the audit log"),
        new(Topology.Reporting, "GET", "/audit/export", [Auditor], Scope.Any, "the audit log as CSV"),
        new(Topology.Reporting, "GET", "/audit/verify", [Auditor], Scope.Any, "verify the hash chain"),
        new(Topology.Reporting, "GET", "/audit/digest", [Auditor], Scope.Any, "the chain's head"),

        .. Topology.Services.SelectMany(s => new Permission[]
        {
            new(s, "GET", "/ops/messaging", [Operator], Scope.Any, "messaging health"),
            new(s, "GET", "/ops/dead-letters", [Operator], Scope.Any, "dead letters"),
            new(s, "POST", "/ops/dead-letters/{id}/replay", [Operator], Scope.Any, "replay a dead letter"),
        }),
    ];

    /// <summary>The endpoints anyone may call, without a token.</summary>
    public static readonly IReadOnlyList<string> Anonymous = ["/health", "/alive", "/openapi/v1.json"];

    public static Permission? Find(string service, string method, string path) =>
        All.FirstOrDefault(p => p.Service == service && p.Method == method && Normalize(p.Path) == Normalize(path));

    // Route parameters may carry constraints ({id:guid}); the matrix names them plainly.
    private static string Normalize(string path) =>
        System.Text.RegularExpressions.Regex.Replace(path.TrimEnd('/'), @"\{(\w+)(:[^}]*)?\}", "{$1}");

    /// <summary>The matrix as the README's markdown table.</summary>
    public static string ToMarkdown()
    {
        var roles = Roles.All;
        var md = new StringBuilder();
        md.Append("| service | endpoint | ").Append(string.Join(" | ", roles)).Append(" | scope |\n");
        md.Append("|---|---|").Append(string.Concat(roles.Select(_ => "---|"))).Append("---|\n");
        foreach (var p in All)
        {
            md.Append($"| {p.Service} | `{p.Method} {p.Path}` | ");
            md.Append(string.Join(" | ", roles.Select(r => p.Roles.Contains(r) ? "✓" : "")));
            md.Append($" | {History.Kebab(p.Scope.ToString())} |\n");
        }
        return md.ToString();
    }
}
