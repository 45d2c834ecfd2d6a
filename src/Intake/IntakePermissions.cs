using Spbe.Sop;
using static Spbe.Contracts.Roles;

namespace Spbe.Intake;

/// <summary>Intake's rows of the authorization matrix: every endpoint, who may call it, the scope on top.</summary>
public static class IntakePermissions
{
    private const string S = Contracts.Topology.Intake;

    public static readonly IReadOnlyList<Permission> Rows =
    [
        new(S, "POST", "/requests", [Opd], Scope.Any, "submit a request (for the OPD in the token)"),
        new(S, "POST", "/requests/{id}/attachments", [Opd], Scope.OwnOpd, "attach a document"),
        new(S, "GET", "/requests/{id}/attachments/{attachmentId}", RequestReaders, Scope.OwnOpd, "download an attachment"),
        new(S, "POST", "/requests/{id}/register", [StafIt], Scope.Any, "register a complete request"),
        new(S, "POST", "/requests/{id}/return", [StafIt], Scope.Any, "return an incomplete request"),
        new(S, "PUT", "/requests/{id}", [Opd], Scope.OwnOpd, "amend a returned request"),
        new(S, "POST", "/requests/{id}/resubmit", [Opd], Scope.OwnOpd, "resubmit"),
        new(S, "POST", "/requests/{id}/withdraw", [Opd], Scope.OwnOpd, "withdraw"),
        new(S, "GET", "/requests/{id}", RequestReaders, Scope.OwnOpd, "read a request"),
        new(S, "GET", "/requests", RequestReaders, Scope.Filtered, "list requests"),
        new(S, "GET", "/requests/{id}/history", RequestReaders, Scope.OwnOpd, "a request's events"),
        new(S, "GET", "/requests/{id}/documents", RequestReaders, Scope.OwnOpd, "a request's documents"),
        new(S, "GET", "/requests/{id}/documents/{kind}", RequestReaders, Scope.OwnOpd, "a request's document as PDF"),
    ];
}
