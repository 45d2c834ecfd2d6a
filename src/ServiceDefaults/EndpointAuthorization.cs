using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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
        app.MapWolverineEndpoints(opts =>
        {
            // ?year=abc is a 400 naming the parameter, not the parameter's default (Wolverine 6 binds the default silently).
            opts.RejectUnparseableQueryValues = true;
            opts.ConfigureEndpoints(chain =>
            {
                var method = chain.HttpMethods.Single();
                var path = chain.RoutePattern?.RawText ?? "";
                var row = rows.FirstOrDefault(p => p.Service == service && p.Matches(method, path))
                    ?? throw new InvalidOperationException($"{method} {path} of {service} has no row in the service's authorization matrix.");
                chain.Metadata.WithMetadata(row).RequireAuthorization(Roles(row));
            });
        });
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
