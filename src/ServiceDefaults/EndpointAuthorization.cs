using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Spbe.Contracts;
using Spbe.Sop;
using Wolverine.Http;

namespace Spbe.ServiceDefaults;

/// <summary>
/// Applies a service's rows of the authorization matrix: the roles through ASP.NET Core's
/// authorization at the endpoint, the scope through <see cref="Access.Decide"/> once the resource is
/// loaded (<see cref="CommandFlow.Check"/> for commands, <see cref="Guard.LoadAsync{T}"/> for reads).
/// </summary>
public static class EndpointAuthorization
{
    /// <summary>
    /// Maps the service's Wolverine endpoints, each with its row of <paramref name="rows"/> (as
    /// endpoint metadata) and the roles it gives; an endpoint without a row stops the start, so
    /// nothing is reachable by accident.
    /// </summary>
    public static WebApplication MapSpbeEndpoints(this WebApplication app, string service, IReadOnlyList<Permission> rows)
    {
        app.MapWolverineEndpoints(opts => opts.ConfigureEndpoints(chain =>
        {
            var method = chain.HttpMethods.Single();
            var path = chain.RoutePattern?.RawText ?? "";
            var row = rows.FirstOrDefault(p => p.Service == service && p.Matches(method, path))
                ?? throw new InvalidOperationException($"{method} {path} of {service} has no row in the service's authorization matrix.");
            chain.Metadata.WithMetadata(row).RequireAuthorization(Roles(row));
        }));
        return app;
    }

    private static AuthorizeAttribute Roles(Permission row) => new() { Roles = string.Join(',', row.Roles) };

    /// <summary>For the platform's minimal-API endpoints (ops): their row of <see cref="OpsPermissions"/>.</summary>
    public static TBuilder RequireMatrix<TBuilder>(this TBuilder builder, string service, string method, string path) where TBuilder : IEndpointConventionBuilder
    {
        var row = OpsPermissions.For(service).FirstOrDefault(p => p.Matches(method, path))
            ?? throw new InvalidOperationException($"{method} {path} of {service} is not in the authorization matrix (OpsPermissions).");
        return builder.WithMetadata(row).RequireAuthorization(Roles(row));
    }
}

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

/// <summary>The scope half of the matrix at run time: the endpoint's row asked of the loaded resource.</summary>
public static class Guard
{
    public static Caller ToCaller(this ClaimsPrincipal user) =>
        new(user.Roles().ToList(), user.OpdCode(), user.FindFirst(SpbeClaims.Nip)?.Value);

    /// <summary>The row of the endpoint being called (set by <see cref="EndpointAuthorization.MapSpbeEndpoints"/>).</summary>
    public static Permission Row(this HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<Permission>()
        ?? throw new InvalidOperationException($"{http.Request.Method} {http.Request.Path} has no row of the authorization matrix.");

    public static Verdict Decide(HttpContext http, IRequestResource resource) => Access.Decide(http.User.ToCaller(), http.Row(), resource);

    /// <summary>The answer when the verdict is not <see cref="Verdict.Allowed"/>: 404 (the resource's existence not revealed) or 403.</summary>
    public static IResult? Refusal(HttpContext http, Verdict verdict, string what) => verdict switch
    {
        Verdict.Allowed => null,
        Verdict.Hidden => Problems.NotFound(what),
        _ => Problems.Forbidden(Access.WhyForbidden(http.Row().Scope)),
    };

    /// <summary>Checks the caller against a loaded resource; null when allowed.</summary>
    public static IResult? Check(HttpContext http, IRequestResource resource, string what = "request") =>
        Refusal(http, Decide(http, resource), what);

    /// <summary>Loads a document to read: 404 when missing or hidden from the caller, 403 when the scope forbids.</summary>
    public static async Task<(T? Resource, IResult? Problem)> LoadAsync<T>(Marten.IQuerySession session, HttpContext http, Guid id, string what = "request")
        where T : class, IRequestResource
    {
        var resource = await session.LoadAsync<T>(id, http.RequestAborted);
        if (resource is null) return (null, Problems.NotFound(what));
        return Check(http, resource, what) is { } problem ? (null, problem) : (resource, null);
    }
}
