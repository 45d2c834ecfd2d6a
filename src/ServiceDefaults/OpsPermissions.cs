using Spbe.Sop;

namespace Spbe.ServiceDefaults;

/// <summary>The platform's own endpoints in the matrix: every service has them.</summary>
public static class OpsPermissions
{
    public static IReadOnlyList<Permission> For(string service) =>
    [
        new(service, "GET", "/ops/messaging", [Contracts.Roles.Operator], Scope.Any, "messaging health"),
        new(service, "GET", "/ops/dead-letters", [Contracts.Roles.Operator], Scope.Any, "dead letters"),
        new(service, "POST", "/ops/dead-letters/{id}/replay", [Contracts.Roles.Operator], Scope.Any, "replay a dead letter"),
    ];
}
