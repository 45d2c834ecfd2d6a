using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Spbe.Intake.Attachments;

/// <summary>A read upload: its kind, the type its content was recognised as, the content; its content's SHA-256 taken once, for the attachment and for a retry's Idempotency-Key.</summary>
public sealed record Upload(AttachmentKind Kind, string FileName, FileSniffer.FileType Type, byte[] Content, string Sha256);

/// <summary>The upload as documented (multipart/form-data); <see cref="AddAttachment.LoadAsync"/> reads it field by field.</summary>
public sealed record AttachmentForm(
    [property: Required, Description("PDF, DOCX, XLSX, PNG or JPEG, judged by the content; at most the service's limit (20 MB by default).")] IFormFile? File,
    [property: Required, OneOf(typeof(AddAttachment), nameof(AddAttachment.Kinds)), Description("`request-memo`: the Nota permintaan layanan; `terms-of-reference`: the KAK.")] string? Kind);

public sealed record AttachmentResponse(Guid AttachmentId, string FileName, string ContentType, long Size, string Sha256);

/// <summary>The OPD attaches a document (request memo, change memo, KAK, other) while the request is with it.</summary>
public static class AddAttachment
{
    public static readonly IReadOnlyDictionary<string, AttachmentKind> Kinds = new Dictionary<string, AttachmentKind>
    {
        ["request-memo"] = AttachmentKind.RequestMemo,
        ["change-memo"] = AttachmentKind.ChangeMemo,
        ["terms-of-reference"] = AttachmentKind.TermsOfReference,
        ["other"] = AttachmentKind.Other,
    };

    public static Decision Decide(ServiceRequest request, Attachment attachment, Actor actor, DateTimeOffset now) =>
        request.Status is RequestStatus.Submitted or RequestStatus.Returned
            ? Decision.Accept(new AttachmentAdded(request.Id, attachment, actor, now))
            : Decision.Refuse($"Documents can be attached only while the request is submitted or returned; this one is {request.Status.ToApiName()}.");

    /// <summary>
    /// Reads and checks the multipart upload (400 naming the field); the handler gets the <see cref="Upload"/>. A request
    /// that is not there, or not the caller's to see (another OPD's), is a 404 before a byte of the body is read.
    /// </summary>
    public static async Task<(IResult, Upload?)> LoadAsync(HttpContext http, ServiceRequest? request, IOptions<IntakeOptions> options)
    {
        if (request is null || Guard.Decide(http, request) == Verdict.Hidden) return (Problems.NotFound(), null);
        var max = options.Value.MaxAttachmentBytes;
        // Room for the form's other parts around the largest file; a declared length above it is refused unread, and a
        // body without one (chunked) is cut there by the server.
        if (http.Request.ContentLength > max + 64 * 1024)
            return (Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large.",
                detail: $"At most {max} bytes per file."), null);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = max + 64 * 1024;

        if (!http.Request.HasFormContentType || !http.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (Problems.Invalid("file", "Send the file as multipart/form-data with the fields 'file' and 'kind'."), null);

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max + 64 * 1024 }, http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (Problems.Invalid("file", $"The upload could not be read (at most {max} bytes per file): {e.Message}"), null);
        }

        var errors = new Errors();
        AttachmentKind? kind = null;
        var kindText = form["kind"].ToString().Trim();
        if (kindText.Length == 0) errors.Add("kind", "Required.");
        else if (Kinds.TryGetValue(kindText, out var k)) kind = k;
        else errors.Add("kind", $"Unknown kind; one of: {string.Join(", ", Kinds.Keys)}.");

        var file = form.Files.GetFile("file");
        byte[]? content = null;
        FileSniffer.FileType? type = null;
        if (form.Files.Count > 1) errors.Add("file", "Send one file at a time.");
        else if (file is null) errors.Add("file", "Required.");
        else if (file.Length == 0) errors.Add("file", "The file is empty.");
        else if (file.Length > max) errors.Add("file", $"The file has {file.Length} bytes; at most {max} are accepted.");
        else
        {
            content = new byte[file.Length];
            await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, http.RequestAborted);
            type = FileSniffer.Detect(content);
            if (type is null) errors.Add("file", "Only PDF, DOCX, XLSX, PNG and JPEG are accepted, judged by the content; this file is none of them.");
        }
        if (errors.Any) return (errors.ToResult(), null);
        return (WolverineContinue.Result(), new Upload(kind!.Value, file!.FileName, type!, content!, Convert.ToHexStringLower(SHA256.HashData(content!))));
    }

    /// <summary>A retried upload (the same key, file, name and kind) answers what the first did, before If-Match (which the first changed) is checked.</summary>
    public static async Task<IResult> BeforeAsync(HttpContext http, ServiceRequest? request, Upload upload, IDocumentSession session)
    {
        var errors = new Errors();
        var key = Idempotency.Key(http, errors);
        if (errors.Any) return errors.ToResult();
        if (key is not null && request is not null
            && await Idempotency.EarlierAnswerAsync(session, http, Scope(request.Id), key, Hash(upload)) is { } earlier) return earlier;
        return CommandFlow.Check(http, request, request?.Version);
    }

    private static string Scope(Guid request) => $"attach:{request:N}";

    private static string Hash(Upload upload) =>
        Idempotency.Hash(System.Text.Encoding.UTF8.GetBytes(upload.Kind.ToString()), System.Text.Encoding.UTF8.GetBytes(upload.FileName),
            System.Text.Encoding.ASCII.GetBytes(upload.Sha256));

    [WolverinePost("/requests/{id}/attachments", OperationId = "attachFile"), MultipartBody(typeof(AttachmentForm)), Idempotent]
    [EndpointSummary("Attach a document: multipart 'file' and 'kind' (OPD)")]
    [ProducesResponseType<AttachmentResponse>(201), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409)]
    public static (IResult, Events, OutgoingMessages) Post([NotBody] Upload upload, [WriteAggregate(Required = false)] ServiceRequest? request,
        HttpContext http, IDocumentSession session, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var content = upload.Content;
        var attachment = new Attachment(Guid.CreateVersion7(), upload.Kind, FileSniffer.SafeName(upload.FileName, upload.Type),
            upload.Type.ContentType, content.LongLength, upload.Sha256, now);
        var decision = Decide(request!, attachment, http.User.ToActor(Roles.Opd), now);
        var location = $"/requests/{request!.Id}/attachments/{attachment.AttachmentId}";
        var answer = new AttachmentResponse(attachment.AttachmentId, attachment.FileName, attachment.ContentType, attachment.Size, attachment.Sha256);
        if (decision is Decision.Accepted)
        {
            session.QueueSqlCommand(
                $"insert into {Topology.Intake}.{IntakeConfiguration.AttachmentTable} (id, request_id, content) values (?, ?, ?)",
                attachment.AttachmentId, request.Id, content);
            // Checked by BeforeAsync.
            if (Idempotency.Key(http, new Errors()) is { } key)
                Idempotency.Remember(session, http, Scope(request.Id), key, Hash(upload), 201, location, answer, now);
        }
        return CommandFlow.Answer(decision, request.Version, http, Results.Created(location, answer));
    }
}
