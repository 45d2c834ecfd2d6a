using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Wolverine.Http;

namespace Spbe.ServiceDefaults;

/// <summary>Applies the authorization matrix to a service's endpoints.</summary>
public static class EndpointAuthorization
{
    /// <summary>
    /// Maps the service's Wolverine endpoints with the roles the matrix gives each; an endpoint the
    /// matrix does not know stops the start, so nothing is reachable by accident.
    /// </summary>
    public static WebApplication MapSpbeEndpoints(this WebApplication app, string service)
    {
        app.MapWolverineEndpoints(opts => opts.ConfigureEndpoints(chain =>
        {
            var method = chain.HttpMethods.Single();
            var path = chain.RoutePattern?.RawText ?? "";
            var permission = AuthorizationMatrix.Find(service, method, path)
                ?? throw new InvalidOperationException($"{method} {path} of {service} is not in the authorization matrix (src/ServiceDefaults/AuthorizationMatrix.cs).");
            chain.Metadata.RequireAuthorization(Roles(permission));
        }));
        return app;
    }

    public static IAuthorizeData Roles(Permission permission) => new AuthorizeAttribute { Roles = string.Join(',', permission.Roles) };

    /// <summary>For the few minimal-API endpoints (ops).</summary>
    public static TBuilder RequireMatrix<TBuilder>(this TBuilder builder, string service, string method, string path) where TBuilder : IEndpointConventionBuilder
    {
        var permission = AuthorizationMatrix.Find(service, method, path)
            ?? throw new InvalidOperationException($"{method} {path} of {service} is not in the authorization matrix.");
        return builder.RequireAuthorization(Roles(permission));
    }
}
