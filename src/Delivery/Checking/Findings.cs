using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Spbe.Contracts;
using Spbe.ServiceDefaults;

namespace Spbe.Delivery.Checking;

public sealed record FindingForm(
    [property: Required, OneOf(typeof(Findings), nameof(Findings.Severities))] string? Severity,
    [property: Required, MaxLength(2000)] string? Description);

/// <summary>The body of a check: its result, its findings.</summary>
public sealed record CheckForm(
    [property: Required, Description("Internal check: `passed` or `failed`; owner's check: `accepted` or `revision-requested`.")] string? Result,
    [property: MaxLength(100), Description("At least one when the result asks for rework.")] IReadOnlyList<FindingForm>? Findings);

public static class Findings
{
    public static readonly string[] Severities = ["low", "medium", "high", "critical"];

    /// <summary>Reads a check: <paramref name="passWord"/> or <paramref name="failWord"/>, and findings (at least one on failure).</summary>
    public static (bool? Passed, List<Finding> Findings, Errors Errors) Read(CheckForm? form, string passWord, string failWord)
    {
        var errors = new Errors();
        var findings = new List<Finding>();
        bool? passed = form?.Result?.Trim() switch
        {
            null or "" => null,
            var r when r == passWord => true,
            var r when r == failWord => false,
            _ => null,
        };
        if (passed is null) errors.Add("result", $"One of: {passWord}, {failWord}.");
        var given = form?.Findings ?? [];
        if (given.Count > 100) errors.Add("findings", "At most 100.");
        else
            for (var i = 0; i < given.Count; i++)
            {
                var severity = given[i]?.Severity?.Trim();
                if (severity is null || !Severities.Contains(severity)) errors.Add($"findings[{i}].severity", $"One of: {string.Join(", ", Severities)}.");
                var description = errors.Text($"findings[{i}].description", given[i]?.Description, 2000);
                if (severity is not null && Severities.Contains(severity) && description is not null) findings.Add(new Finding(severity, description));
            }
        if (passed == false && given.Count == 0) errors.Add("findings", $"A result of {failWord} needs at least one finding saying what to rework.");
        return (passed, findings, errors);
    }
}
