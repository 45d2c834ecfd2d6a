using Spbe.Sop;
using static Spbe.Contracts.Roles;

namespace Spbe.Assignment;

/// <summary>Assignment's rows of the authorization matrix: every endpoint, who may call it, the scope on top.</summary>
public static class AssignmentPermissions
{
    private const string S = Contracts.Topology.Assignment;

    public static readonly IReadOnlyList<Permission> Rows =
    [
        new(S, "GET", "/analyses", Oversight, Scope.Any, "the Kasi's inbox"),
        new(S, "GET", "/analyses/{id}", Oversight, Scope.Any, "read a case"),
        new(S, "POST", "/analyses/{id}/result", [KasiAplikasi], Scope.Any, "record the Hasil analisis"),
        new(S, "POST", "/analyses/{id}/reject", [KasiAplikasi], Scope.Any, "reject"),
        new(S, "POST", "/analyses/{id}/team", [KasiAplikasi], Scope.Any, "issue the Surat Tugas"),
        new(S, "GET", "/analyses/{id}/history", Oversight, Scope.Any, "a case's events"),
        new(S, "GET", "/analyses/{id}/documents", Oversight, Scope.Any, "a case's documents"),
        new(S, "GET", "/analyses/{id}/documents/{kind}", Oversight, Scope.Any, "a case's document as PDF"),
    ];
}
