using System.Text;
using Alba;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;

namespace Spbe.Testing;

/// <summary>Who calls, in the matrix test: the token sent, and who it says the caller is (null: no valid token).</summary>
public sealed record ProbeCaller(string Name, string? Token, Caller? Who);

/// <summary>
/// Calls every endpoint of a service with every kind of caller and checks the answer against what
/// the one access mechanism (<see cref="Access.Decide"/>) says of the service's matrix rows: 401
/// without a valid token, 403 or 404 as the verdict says, and anything else (never 401, 403, 404) for who may.
/// </summary>
public static class MatrixProbe
{
    public const string MemberNip = "198503122010011001";
    public const string SecurityNip = "199001012015032002";
    public const string OutsiderNip = "199205102018011003";

    /// <summary>The request every endpoint is probed on: DINKES's, its team a programmer and an app-security member.</summary>
    public sealed record ProbedRequest(string Opd) : IRequestResource
    {
        public bool IsMember(string? nip) => nip is MemberNip or SecurityNip;
        public bool IsAppSecurity(string? nip) => nip is SecurityNip;
        public bool IsExecutor(string? nip) => nip is MemberNip;
    }

    public static readonly ProbedRequest Request = new("DINKES");

    private static ProbeCaller Person(string name, string role, string? opd = null, string? sub = null, string? nip = null) =>
        new(name, TestTokens.For(role, opd: opd, sub: sub, nip: nip), new Caller([role], role == Roles.Opd ? opd ?? "DINKES" : null, nip));

    public static IReadOnlyList<ProbeCaller> Callers { get; } =
    [
        new("no token", null, null),
        new("expired token", BadTokens.Expired(Roles.Auditor, Roles.KasiAplikasi, Roles.Operator), null),
        new("token of another key", BadTokens.OfAnotherKey(Roles.Auditor, Roles.KasiAplikasi, Roles.Operator), null),
        Person("opd (own OPD)", Roles.Opd, opd: "DINKES", sub: "clerk-dinkes"),
        Person("opd (another OPD)", Roles.Opd, opd: "BAPPEDA", sub: "clerk-bappeda"),
        Person("staf-it", Roles.StafIt, nip: OutsiderNip),
        Person("kasi-aplikasi", Roles.KasiAplikasi, nip: OutsiderNip),
        Person("programmer (in the team)", Roles.Programmer, nip: MemberNip),
        Person("programmer (not in the team)", Roles.Programmer, sub: "prog-out", nip: OutsiderNip),
        Person("its (not in the team)", Roles.Its, nip: OutsiderNip),
        Person("app-security (in the team)", Roles.AppSecurity, nip: SecurityNip),
        // Separation of duties: named as the team's app-security member, an executor's role in the token changes nothing.
        new("app-security (in the team) also holding programmer", TestTokens.For("rina-both", "Rina", [Roles.AppSecurity, Roles.Programmer], nip: SecurityNip),
            new Caller([Roles.AppSecurity, Roles.Programmer], null, SecurityNip)),
        Person("auditor", Roles.Auditor),
        Person("operator", Roles.Operator),
    ];

    /// <summary>What the access mechanism says this caller gets on the probed request: "401", "403", "404" or "allowed".</summary>
    public static string Expected(Permission p, ProbeCaller c) => c.Who is null ? "401" : Access.Decide(c.Who, p, Request) switch
    {
        Verdict.Allowed => "allowed",
        Verdict.Hidden => "404",
        _ => "403",
    };

    public sealed record Result(int Cases, IReadOnlyList<string> Mismatches);

    /// <summary>Probes the service's own rows and the platform's (ops) rows of the matrix.</summary>
    public static async Task<Result> RunAsync(IAlbaHost host, IReadOnlyList<Permission> serviceRows, Func<string, string> path, Func<Permission, HttpContent?> body)
    {
        var mismatches = new List<string>();
        var cases = 0;
        var endpoints = serviceRows.Concat(OpsPermissions.For(serviceRows[0].Service)).ToList();
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

/// <summary>The README's matrix table, held to the rows the services apply.</summary>
public static class ReadmeMatrix
{
    private static string[] Readme()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Spbe.sln"))) dir = dir.Parent;
        return File.ReadAllLines(Path.Combine(dir.FullName, "README.md"));
    }

    /// <summary>The README's table lines of the service of <paramref name="serviceRows"/>, and the lines its rows (and the ops rows) make.</summary>
    public static (IReadOnlyList<string> Documented, IReadOnlyList<string> Applied) Lines(IReadOnlyList<Permission> serviceRows)
    {
        var service = serviceRows[0].Service;
        var documented = Readme().Where(l => l.StartsWith($"| {service} |", StringComparison.Ordinal)).ToList();
        var applied = serviceRows.Concat(OpsPermissions.For(service)).Select(p => Matrix.MarkdownRow(p).TrimEnd('\n')).ToList();
        return (documented, applied);
    }

    public static bool HasHeader() => string.Join('\n', Readme()).Contains(Matrix.MarkdownHeader(), StringComparison.Ordinal);
}
