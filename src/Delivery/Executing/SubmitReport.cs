using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.Delivery.Documents;
using Spbe.Documents;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Spbe.Delivery.Executing;

public sealed record ReportForm(
    [property: Required, MaxLength(4000)] string? Summary,
    [property: Required, MaxLength(8000)] string? Changes,
    [property: MaxLength(4000)] string? DeploymentNotes);

/// <summary>Step 3 ends: the team submits its Laporan hasil pelaksanaan; the internal check opens.</summary>
public static class SubmitReport
{
    /// <summary>Pure; with the office's <paramref name="documents"/> kit the message carries the Laporan's hash.</summary>
    public static Decision Decide(WorkOrder w, ExecutionReport report, Actor actor, DateTimeOffset now, DocumentKit? documents = null)
    {
        if (w.Status != WorkOrderStatus.InExecution)
            return Decision.Refuse(w.Status == WorkOrderStatus.AwaitingStart
                ? "The work has not been started; start it before reporting."
                : $"A report can be submitted only while the work is in execution; this work order is {w.Status.ToApiName()}.");
        var submitted = new ExecutionReportSubmitted(w.Id, w.Current.Number, report, actor, now);
        var issued = documents is null ? null
            : DeliveryDocuments.Issued(w.Apply(submitted), LaporanPelaksanaanLetter.Kind, w.Current.Number, documents);
        return Decision.Accept(submitted, new ExecutionReported(w.Id, w.Number, w.Opd, now, actor, w.Current.Number, report.Summary, issued));
    }

    /// <summary>Pure: the report of a form, or the errors per field.</summary>
    public static (ExecutionReport Report, Errors Errors) Read(ReportForm? body)
    {
        var errors = new Errors();
        var summary = errors.Text("summary", body?.Summary, 4000);
        var changes = errors.Text("changes", body?.Changes, 8000);
        var notes = errors.Text("deploymentNotes", body?.DeploymentNotes, 4000, required: false);
        return (new ExecutionReport(summary ?? "", changes ?? "", notes), errors);
    }

    public static IResult Validate(ReportForm? body) => CommandFlow.Continue(Read(body).Errors);

    public static IResult Before(HttpContext http, WorkOrder? work) => CommandFlow.Check(http, work, work?.Version);

    [WolverinePost("/work-orders/{id}/report", OperationId = "submitReport")]
    [EndpointSummary("Submit the Laporan hasil pelaksanaan: summary, changes, deploymentNotes (an executor named in the Surat Tugas)")]
    [ProducesResponseType(204), ProducesResponseType(400), ProducesResponseType(403), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static (IResult, Events, OutgoingMessages) Post(ReportForm? body, [WriteAggregate(Required = false)] WorkOrder? work, HttpContext http,
        TimeProvider clock, DocumentKit documents) =>
        CommandFlow.Answer(Decide(work!, Read(body).Report, TeamCommand.Actor(http), clock.GetUtcNow(), documents), work!.Version, http);
}
