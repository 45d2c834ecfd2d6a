using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;

namespace Spbe.Delivery.Executing;

public sealed record ReportForm(string? Summary, string? Changes, string? DeploymentNotes);

/// <summary>Step 3 ends: the team submits its Laporan hasil pelaksanaan; the internal check opens.</summary>
public static class SubmitReport
{
    public static Decision Decide(WorkOrder w, ExecutionReport report, Actor actor, DateTimeOffset now) =>
        w.Status == WorkOrderStatus.InExecution
            ? Decision.Accept(
                new ExecutionReportSubmitted(w.Id, w.Current.Number, report, actor, now),
                new ExecutionReported(w.Id, w.Number, w.Opd, now, actor, w.Current.Number, report.Summary))
            : Decision.Refuse(w.Status == WorkOrderStatus.AwaitingStart
                ? "The work has not been started; start it before reporting."
                : $"A report can be submitted only while the work is in execution; this work order is {w.Status.ToApiName()}.");

    [WolverinePost("/work-orders/{id}/report")]
    [EndpointSummary("Submit the Laporan hasil pelaksanaan: summary, changes, deploymentNotes (a team member)")]
    [ProducesResponseType(204), ProducesResponseType(400), ProducesResponseType(403), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static async Task<IResult> Post(Guid id, ReportForm? body, HttpContext http, IDocumentSession session, IMessageBus bus, TimeProvider clock)
    {
        var errors = new Errors();
        var summary = errors.Text("summary", body?.Summary, 4000);
        var changes = errors.Text("changes", body?.Changes, 8000);
        var notes = errors.Text("deploymentNotes", body?.DeploymentNotes, 4000, required: false);
        if (errors.Any) return errors.ToResult();
        return await TeamCommand.RunAsync(id, http, session, bus,
            (w, actor) => Decide(w, new ExecutionReport(summary!, changes!, notes), actor, clock.GetUtcNow()));
    }
}
