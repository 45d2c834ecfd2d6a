using System.Text;
using Alba;
using Spbe.Contracts;
using Spbe.ServiceDefaults;

namespace Spbe.Testing;

/// <summary>Who calls, in the matrix test.</summary>
public sealed record Caller(string Name, string? Token, string? Role, bool OtherOpd = false, bool TeamMember = false, bool Invalid = false);

/// <summary>
/// Calls every endpoint of a service with every kind of caller and checks the answer against the
/// authorization matrix: 401 without a valid token, 403 for a role (or a non-member) that may not,
/// 404 for another OPD's request, and anything else (never 401, 403, 404) for who may.
/// </summary>
public static class MatrixProbe
{
    public const string MemberNip = "198503122010011001";
    public const string SecurityNip = "199001012015032002";
    public const string OutsiderNip = "199205102018011003";

    public static IReadOnlyList<Caller> Callers { get; } =
    [
        new("no token", null, null, Invalid: true),
        new("expired token", BadTokens.Expired(Roles.Auditor, Roles.KasiAplikasi, Roles.Operator), null, Invalid: true),
        new("token of another key", BadTokens.OfAnotherKey(Roles.Auditor, Roles.KasiAplikasi, Roles.Operator), null, Invalid: true),
        new("opd (own OPD)", TestTokens.For(Roles.Opd, opd: "DINKES", sub: "clerk-dinkes"), Roles.Opd),
        new("opd (another OPD)", TestTokens.For(Roles.Opd, opd: "BAPPEDA", sub: "clerk-bappeda"), Roles.Opd, OtherOpd: true),
        new("staf-it", TestTokens.For(Roles.StafIt, nip: OutsiderNip), Roles.StafIt),
        new("kasi-aplikasi", TestTokens.For(Roles.KasiAplikasi, nip: OutsiderNip), Roles.KasiAplikasi),
        new("programmer (in the team)", TestTokens.For(Roles.Programmer, nip: MemberNip), Roles.Programmer, TeamMember: true),
        new("programmer (not in the team)", TestTokens.For(Roles.Programmer, sub: "prog-out", nip: OutsiderNip), Roles.Programmer),
        new("its (not in the team)", TestTokens.For(Roles.Its, nip: OutsiderNip), Roles.Its),
        new("app-security (in the team)", TestTokens.For(Roles.AppSecurity, nip: SecurityNip), Roles.AppSecurity, TeamMember: true),
        new("auditor", TestTokens.For(Roles.Auditor), Roles.Auditor),
        new("operator", TestTokens.For(Roles.Operator), Roles.Operator),
    ];

    /// <summary>What the matrix says this caller gets: "401", "403", "404" or "allowed".</summary>
    public static string Expected(Permission p, Caller c)
    {
        if (c.Invalid) return "401";
        if (!p.Roles.Contains(c.Role!)) return "403";
        if (c.Role == Roles.Opd && c.OtherOpd && p.Scope is Scope.OwnOpd or Scope.TeamMember) return "404";
        var teamRole = c.Role is Roles.Programmer or Roles.Its or Roles.AppSecurity || (c.Role == Roles.StafIt && p.Method != "GET");
        if (p.Scope == Scope.TeamMember && teamRole && !c.TeamMember) return "403";
        if (p.Scope == Scope.TeamAppSecurity && !(c.Role == Roles.AppSecurity && c.TeamMember)) return "403";
        return "allowed";
    }

    public sealed record Result(int Cases, IReadOnlyList<string> Mismatches);

    public static async Task<Result> RunAsync(IAlbaHost host, string service, Func<string, string> path, Func<Permission, HttpContent?> body)
    {
        var mismatches = new List<string>();
        var cases = 0;
        var endpoints = AuthorizationMatrix.All.Where(p => p.Service == service).ToList();
        foreach (var permission in endpoints)
            foreach (var caller in Callers)
            {
                cases++;
                var url = path(permission.Path);
                var result = await host.Scenario(s =>
                {
                    var content = body(permission);
                    switch (permission.Method)
                    {
                        case "GET": s.Get.Url(url); break;
                        case "PUT": s.Put.Url(url); break;
                        default: s.Post.Url(url); break;
                    }
                    if (content is not null)
                        s.ConfigureHttpContext(http =>
                        {
                            var bytes = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
                            http.Request.ContentType = content.Headers.ContentType?.ToString();
                            http.Request.Body = new MemoryStream(bytes);
                            http.Request.ContentLength = bytes.Length;
                        });
                    if (caller.Token is not null) s.WithRequestHeader("Authorization", $"Bearer {caller.Token}");
                    s.IgnoreStatusCode();
                });
                var status = result.Context.Response.StatusCode;
                var expected = Expected(permission, caller);
                var ok = expected == "allowed" ? status is not (401 or 403 or 404) || (status == 404 && permission.Path.Contains("dead-letters")) : status.ToString() == expected;
                if (!ok) mismatches.Add($"{permission.Method} {url} as {caller.Name}: expected {expected}, got {status}");
            }
        return new Result(cases, mismatches);
    }

    public static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");
}
