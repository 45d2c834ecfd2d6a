using System.Text;
using Spbe.Contracts;

namespace Spbe.Sop;

/// <summary>The matrix as the README shows it; each service declares its own rows beside its use cases.</summary>
public static class Matrix
{
    /// <summary>The endpoints anyone may call, without a token.</summary>
    public static readonly IReadOnlyList<string> Anonymous = ["/health", "/alive", "/openapi/v1.json"];

    public static string MarkdownHeader() =>
        $"| service | endpoint | {string.Join(" | ", Roles.All)} | scope |\n|---|---|{string.Concat(Roles.All.Select(_ => "---|"))}---|\n";

    public static string MarkdownRow(Permission p) =>
        $"| {p.Service} | `{p.Method} {p.Path}` | {string.Join(" | ", Roles.All.Select(r => p.Roles.Contains(r) ? "✓" : ""))} | {p.Scope.ToApiName()} |\n";

    public static string ToMarkdown(IEnumerable<Permission> rows)
    {
        var md = new StringBuilder(MarkdownHeader());
        foreach (var p in rows) md.Append(MarkdownRow(p));
        return md.ToString();
    }
}
