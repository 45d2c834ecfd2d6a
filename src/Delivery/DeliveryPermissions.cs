using Spbe.Sop;
using static Spbe.Contracts.Roles;

namespace Spbe.Delivery;

/// <summary>Delivery's rows of the authorization matrix: every endpoint, who may call it, the scope on top.</summary>
public static class DeliveryPermissions
{
    private const string S = Contracts.Topology.Delivery;

    public static readonly IReadOnlyList<Permission> Rows =
    [
        new(S, "GET", "/work-orders", RequestReaders, Scope.Filtered, "list work orders"),
        new(S, "GET", "/work-orders/{id}", RequestReaders, Scope.TeamOrOwnOpd, "read a work order (team, OPD, Kasi, Staf IT, auditor)"),
        new(S, "POST", "/work-orders/{id}/start", Executors, Scope.TeamExecutor, "start the work"),
        new(S, "POST", "/work-orders/{id}/progress", Executors, Scope.TeamExecutor, "note progress"),
        new(S, "POST", "/work-orders/{id}/report", Executors, Scope.TeamExecutor, "submit the execution report"),
        new(S, "POST", "/work-orders/{id}/internal-check", [AppSecurity], Scope.TeamAppSecurity, "record the internal check"),
        new(S, "POST", "/work-orders/{id}/owner-check", [Opd], Scope.OwnOpd, "record the owner check"),
        new(S, "POST", "/work-orders/{id}/handover", [KasiAplikasi], Scope.Any, "record the handover"),
        new(S, "GET", "/work-orders/{id}/history", RequestReaders, Scope.TeamOrOwnOpd, "a work order's events"),
        new(S, "GET", "/work-orders/{id}/documents", RequestReaders, Scope.TeamOrOwnOpd, "a work order's documents"),
        new(S, "GET", "/work-orders/{id}/documents/{kind}", RequestReaders, Scope.TeamOrOwnOpd, "a work order's document as PDF"),
    ];
}
