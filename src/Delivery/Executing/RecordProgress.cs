using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Spbe.Delivery.Executing;

public sealed record ProgressForm(
    [property: Required, MaxLength(2000)] string? Note,
    [property: Required, Range(0, 100)] int? Percent);

/// <summary>A team member notes progress on the current round.</summary>
public static class RecordProgress
{
    public static Decision Decide(WorkOrder w, string note, int percent, Actor actor, DateTimeOffset now) =>
        w.Status == WorkOrderStatus.InExecution
            ? Decision.Accept(new ProgressRecorded(w.Id, w.Current.Number, note, percent, actor, now))
            : Decision.Refuse($"Progress can be noted only while the work is in execution; this work order is {w.Status.ToApiName()}.");

    /// <summary>Pure: the note and percent of a form, or the errors per field.</summary>
    public static (string Note, int Percent, Errors Errors) Read(ProgressForm? body)
    {
        var errors = new Errors();
        var note = errors.Text("note", body?.Note, 2000);
        if (body?.Percent is null) errors.Add("percent", "Required.");
        else if (body.Percent is < 0 or > 100) errors.Add("percent", "From 0 to 100.");
        return (note ?? "", body?.Percent ?? 0, errors);
    }

    public static IResult Validate(ProgressForm? body) => CommandFlow.Continue(Read(body).Errors);

    public static IResult Before(HttpContext http, WorkOrder? work) => CommandFlow.Check(http, work, work?.Version);

    [WolverinePost("/work-orders/{id}/progress", OperationId = "recordProgress")]
    [EndpointSummary("Note progress: note, percent (an executor named in the Surat Tugas)")]
    [ProducesResponseType(204), ProducesResponseType(400), ProducesResponseType(403), ProducesResponseType(404), ProducesResponseType(409)]
    public static (IResult, Events, OutgoingMessages) Post(ProgressForm? body, [WriteAggregate(Required = false)] WorkOrder? work, HttpContext http, TimeProvider clock)
    {
        var (note, percent, _) = Read(body);
        return CommandFlow.Answer(Decide(work!, note, percent, TeamCommand.Actor(http), clock.GetUtcNow()), work!.Version, http);
    }
}
