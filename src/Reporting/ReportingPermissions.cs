using Spbe.Sop;
using static Spbe.Contracts.Roles;

namespace Spbe.Reporting;

/// <summary>Reporting's rows of the authorization matrix: every endpoint, who may call it, the scope on top.</summary>
public static class ReportingPermissions
{
    private const string S = Contracts.Topology.Reporting;
    private static readonly string[] SlaReaders = [.. Oversight, Operator];

    public static readonly IReadOnlyList<Permission> Rows =
    [
        new(S, "GET", "/timelines/{id}", RequestReaders, Scope.OwnOpd, "a request's timeline"),
        new(S, "GET", "/sla/overdue", SlaReaders, Scope.Any, "overdue steps"),
        new(S, "GET", "/sla/compliance", SlaReaders, Scope.Any, "compliance"),
        new(S, "GET", "/reports/monthly", SlaReaders, Scope.Any, "the monthly report"),
        new(S, "GET", "/reports/monthly/{month}/documents", SlaReaders, Scope.Any, "a month's documents"),
        new(S, "GET", "/reports/monthly/{month}/documents/{kind}", SlaReaders, Scope.Any, "the monthly Laporan as PDF"),
        new(S, "GET", "/audit", [Auditor, KasiAplikasi], Scope.Any, "the audit log"),
        new(S, "GET", "/audit/export", [Auditor, KasiAplikasi], Scope.Any, "the audit log as CSV (the same entries /audit pages through)"),
        new(S, "GET", "/audit/verify", [Auditor], Scope.Any, "verify the hash chain"),
        new(S, "GET", "/audit/digest", [Auditor], Scope.Any, "the chain's head"),
        new(S, "GET", "/audit/anomalies", [Auditor, Operator], Scope.Any, "requests whose services disagree"),
        new(S, "GET", "/notifications", All, Scope.Filtered, "one's own notices"),
        new(S, "GET", "/notifications/preferences", All, Scope.Any, "one's notification settings"),
        new(S, "PUT", "/notifications/preferences", All, Scope.Any, "turn one's notice mail on or off"),
    ];
}
