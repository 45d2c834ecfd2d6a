using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Spbe.Contracts;
using Spbe.Delivery.Documents;
using Spbe.Documents;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Spbe.Delivery.Checking;

namespace Spbe.Delivery.HandingOver;

public sealed record PersonForm(
    [property: Required, RegularExpression("^[0-9]{18}$"), Description("NIP: 18 digits.")] string? Nip,
    [property: Required, MaxLength(200)] string? Name);

public sealed record HandoverForm(
    [property: Required] PersonForm? HandedOverBy,
    [property: Required] PersonForm? ReceivedBy,
    [property: MaxLength(4000)] string? Notes);

/// <summary>Step 6: the Kasi and the OPD sign the Berita Acara Serah Terima; the request is completed.</summary>
public static class RecordHandover
{
    public static string? WhyNot(WorkOrder w) => w.Status == WorkOrderStatus.Handover ? null
        : $"The handover can be recorded only after the owner accepted the work; this work order is {w.Status.ToApiName()}.";

    /// <summary>Pure; with the office's <paramref name="documents"/> kit the message carries the Berita Acara Serah Terima's hash.</summary>
    public static Decision Decide(WorkOrder w, Person by, Person to, string? notes, string beritaAcara, Actor actor, DateTimeOffset now,
        DocumentKit? documents = null)
    {
        if (WhyNot(w) is { } reason) return Decision.Refuse(reason);
        var recorded = new HandoverRecorded(w.Id, by, to, notes, beritaAcara, actor, now);
        var issued = documents is null ? null
            : DeliveryDocuments.Issued(w.Apply(recorded), BeritaAcaraSerahTerimaLetter.Kind, null, documents);
        return Decision.Accept(recorded, new RequestHandedOver(w.Id, w.Number, w.Opd, now, actor, by, to, beritaAcara, issued));
    }

    /// <summary>Pure: who handed over, who received, the notes; or the errors per field.</summary>
    public static (Person? By, Person? To, string? Notes, Errors Errors) Read(HandoverForm? body)
    {
        var errors = new Errors();
        var by = ReadPerson(body?.HandedOverBy, "handedOverBy", errors);
        var to = ReadPerson(body?.ReceivedBy, "receivedBy", errors);
        var notes = errors.Text("notes", body?.Notes, 4000, required: false);
        return (by, to, notes, errors);
    }

    private static Person? ReadPerson(PersonForm? form, string field, Errors errors)
    {
        if (form is null) { errors.Add(field, "Required: nip and name."); return null; }
        var name = errors.Text($"{field}.name", form.Name, 200);
        var nip = form.Nip?.Trim();
        if (!Nip.IsValid(nip, out var why)) errors.Add($"{field}.nip", why);
        return name is not null && Nip.IsValid(nip) ? new Person(nip!, name) : null;
    }

    public static IResult Validate(HandoverForm? body) => CommandFlow.Continue(Read(body).Errors);

    public static IResult Before(HttpContext http, WorkOrder? work) => CommandFlow.Check(http, work, work?.Version);

    [WolverinePost("/work-orders/{id}/handover", OperationId = "recordHandover")]
    [EndpointSummary("Record the handover (Berita Acara Serah Terima): handedOverBy, receivedBy, notes (Kasi Aplikasi)")]
    [ProducesResponseType<BeritaAcaraResponse>(200), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static async Task<(IResult, Events, OutgoingMessages)> Post(HandoverForm? body, [WriteAggregate(Required = false)] WorkOrder? work,
        HttpContext http, IDocumentSession session, TimeProvider clock, IOptions<DeliveryOptions> options, DocumentKit documents)
    {
        var (by, to, notes, _) = Read(body);
        if (WhyNot(work!) is { } reason) return CommandFlow.Refused(reason);
        var now = clock.GetUtcNow();
        var number = await BeritaAcara.TakeAsync(session, options.Value, now, http.RequestAborted);
        return CommandFlow.Answer(Decide(work!, by!, to!, notes, number, http.User.ToActor(Roles.KasiAplikasi), now, documents), work!.Version,
            http, Results.Ok(new BeritaAcaraResponse(number)));
    }
}
