using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Spbe.Assignment.Analysing;

/// <summary>The Hasil analisis.</summary>
public sealed record AnalysisForm(
    [property: Required, MaxLength(2000)] string? Summary,
    [property: Required, MaxLength(4000)] string? Scope,
    [property: Required, OneOf(typeof(RecordAnalysis), nameof(RecordAnalysis.Feasibilities))] string? Feasibility,
    [property: Required, MaxLength(4000)] string? Approach,
    [property: Required, Range(1, 365), Description("Working days.")] int? EstimatedEffortDays,
    [property: MaxLength(50), Description("Each at most 1000 characters.")] IReadOnlyList<string>? Risks,
    [property: OneOf(typeof(Roles), nameof(Roles.Team)), Description("The team roles the work needs.")] IReadOnlyList<string>? RequiredRoles);

/// <summary>Step 2: the Kasi records the Hasil analisis (again, to revise it, until a team is assigned).</summary>
public static class RecordAnalysis
{
    public static readonly IReadOnlyDictionary<string, Feasibility> Feasibilities = new Dictionary<string, Feasibility>
    {
        ["feasible"] = Feasibility.Feasible,
        ["feasible-with-conditions"] = Feasibility.FeasibleWithConditions,
        ["not-feasible"] = Feasibility.NotFeasible,
    };

    public static (AnalysisResult? Result, Errors Errors) Check(AnalysisForm? form)
    {
        var errors = new Errors();
        if (form is null) return (null, errors.Add("body", "A JSON body is required."));
        var summary = errors.Text("summary", form.Summary, 2000);
        var scope = errors.Text("scope", form.Scope, 4000);
        Feasibility? feasibility = null;
        if (string.IsNullOrWhiteSpace(form.Feasibility)) errors.Add("feasibility", "Required.");
        else if (Feasibilities.TryGetValue(form.Feasibility.Trim(), out var f)) feasibility = f;
        else errors.Add("feasibility", $"One of: {string.Join(", ", Feasibilities.Keys)}.");
        var approach = errors.Text("approach", form.Approach, 4000);
        if (form.EstimatedEffortDays is null) errors.Add("estimatedEffortDays", "Required.");
        else if (form.EstimatedEffortDays is < 1 or > 365) errors.Add("estimatedEffortDays", "From 1 to 365 working days.");

        var risks = new List<string>();
        var given = form.Risks ?? [];
        if (given.Count > 50) errors.Add("risks", "At most 50.");
        else for (var i = 0; i < given.Count; i++) if (errors.Text($"risks[{i}]", given[i], 1000) is { } r) risks.Add(r);

        var roles = new List<string>();
        var asked = form.RequiredRoles ?? [];
        for (var i = 0; i < asked.Count; i++)
        {
            if (!Roles.Team.Contains(asked[i])) errors.Add($"requiredRoles[{i}]", $"One of: {string.Join(", ", Roles.Team)}.");
            else if (!roles.Contains(asked[i])) roles.Add(asked[i]);
        }
        if (errors.Any) return (null, errors);
        return (new AnalysisResult(summary!, scope!, feasibility!.Value, approach!, form.EstimatedEffortDays!.Value, risks, roles), errors);
    }

    public static Decision Decide(AnalysisCase c, AnalysisResult result, Actor actor, DateTimeOffset now) =>
        c.AwaitsDecision
            ? Decision.Accept(new AnalysisRecorded(c.Id, result, actor, now))
            : Decision.Refuse($"The analysis can be recorded only before a team is assigned; this case is {c.Status.ToApiName()}.");

    public static IResult Validate(AnalysisForm? body) => CommandFlow.Continue(Check(body).Errors);

    public static IResult Before(HttpContext http, AnalysisCase? @case) => CommandFlow.Check(http, @case, @case?.Version);

    [WolverinePost("/analyses/{id}/result", OperationId = "recordAnalysisResult")]
    [EndpointSummary("Record the Hasil analisis (Kasi Aplikasi)")]
    [ProducesResponseType(204), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static (IResult, Events, OutgoingMessages) Post(AnalysisForm? body, [WriteAggregate(Required = false)] AnalysisCase? @case,
        HttpContext http, TimeProvider clock) =>
        CommandFlow.Answer(Decide(@case!, Check(body).Result!, http.User.ToActor(Roles.KasiAplikasi), clock.GetUtcNow()), @case!.Version, http);
}
