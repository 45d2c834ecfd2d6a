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

namespace Spbe.Intake.Attachments;

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

    [WolverinePost("/requests/{id}/attachments")]
    [EndpointSummary("Attach a document: multipart 'file' and 'kind' (OPD)")]
    [ProducesResponseType<AttachmentResponse>(201), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409)]
    public static async Task<IResult> Post(Guid id, HttpContext http, IDocumentSession session, IMessageBus bus,
        TimeProvider clock, IOptions<IntakeOptions> options)
    {
        var max = options.Value.MaxAttachmentBytes;
        // Room for the form's other parts around the largest file.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = max + 64 * 1024;

        if (!http.Request.HasFormContentType || !http.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return Problems.Invalid("file", "Send the file as multipart/form-data with the fields 'file' and 'kind'.");

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max + 64 * 1024 }, http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Problems.Invalid("file", $"The upload could not be read (at most {max} bytes per file): {e.Message}");
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
        if (errors.Any) return errors.ToResult();

        var (stream2, problem) = await CommandStream.LoadAsync<ServiceRequest>(session, http, id);
        if (problem is not null) return problem;

        var now = clock.GetUtcNow();
        var attachment = new Attachment(Guid.CreateVersion7(), kind!.Value, FileSniffer.SafeName(file!.FileName, type!),
            type!.ContentType, content!.LongLength, Convert.ToHexStringLower(SHA256.HashData(content)), now);
        var decision = Decide(stream2!.Aggregate!, attachment, http.User.ToActor(Roles.Opd), now);
        if (decision is Decision.Accepted)
            session.QueueSqlCommand(
                $"insert into {Topology.Intake}.{IntakeConfiguration.AttachmentTable} (id, request_id, content) values (?, ?, ?)",
                attachment.AttachmentId, id, content);

        return await CommandStream.ApplyAsync(decision, stream2, bus, http, _ => Results.Created(
            $"/requests/{id}/attachments/{attachment.AttachmentId}",
            new AttachmentResponse(attachment.AttachmentId, attachment.FileName, attachment.ContentType, attachment.Size, attachment.Sha256)));
    }
}
