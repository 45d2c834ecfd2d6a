using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Spbe.Contracts;
using Spbe.Sop;

namespace Spbe.ServiceDefaults;

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
