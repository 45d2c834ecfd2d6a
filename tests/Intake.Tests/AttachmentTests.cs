using System.IO.Compression;
using System.Security.Cryptography;
using Alba;
using Marten;
using Shouldly;
using Spbe.Intake.Attachments;
using Spbe.Testing;
using Xunit;

namespace Spbe.Intake.Tests;

public sealed class AttachmentTests(IntakeFixture fixture) : IClassFixture<IntakeFixture>
{
    private IAlbaHost Host => fixture.Host;

    private static byte[] OfficePackage(string mainPart)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml").Open().Dispose();
            using var writer = new StreamWriter(zip.CreateEntry(mainPart).Open());
            writer.Write("<document/>");
        }
        return buffer.ToArray();
    }

    [Fact]
    public async Task an_attachment_round_trips_byte_for_byte_with_its_size_and_sha256()
    {
        var request = await Scenarios.SubmitAsync(Host);
        var content = new byte[300_000];
        Random.Shared.NextBytes(content);
        "%PDF-1.4\n"u8.ToArray().CopyTo(content, 0);

        var added = (await (await Scenarios.AttachAsync(Host, request.Id, "request-memo", content, "nota permintaan.pdf"))
            .ReadAsJsonAsync<AttachmentResponse>())!;
        added.Size.ShouldBe(content.Length);
        added.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(content)));
        added.ContentType.ShouldBe("application/pdf");

        var download = await Host.Scenario(s =>
        {
            s.Get.Url($"/requests/{request.Id}/attachments/{added.AttachmentId}");
            s.As(Scenarios.Opd);
            s.StatusCodeShouldBeOk();
        });
        var bytes = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(bytes);
        bytes.ToArray().ShouldBe(content);
        download.Context.Response.Headers.ContentDisposition.ToString().ShouldStartWith("attachment");
        download.Context.Response.Headers.XContentTypeOptions.ToString().ShouldBe("nosniff");

        var view = await Scenarios.GetAsync(Host, request.Id);
        view.Attachments.ShouldHaveSingleItem().Sha256.ShouldBe(added.Sha256);
    }

    [Theory]
    [InlineData("word/document.xml", "laporan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("xl/workbook.xml", "anggaran.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public async Task office_documents_are_recognised_by_their_content(string part, string name, string type)
    {
        var request = await Scenarios.SubmitAsync(Host);
        var added = (await (await Scenarios.AttachAsync(Host, request.Id, "terms-of-reference", OfficePackage(part), name))
            .ReadAsJsonAsync<AttachmentResponse>())!;
        added.ContentType.ShouldBe(type);
    }

    [Fact]
    public async Task a_renamed_executable_is_refused_and_nothing_is_written()
    {
        var request = await Scenarios.SubmitAsync(Host);
        var exe = new byte[4096];
        "MZ"u8.ToArray().CopyTo(exe, 0);
        var result = await Scenarios.AttachAsync(Host, request.Id, "request-memo", exe, "nota.pdf", expected: 400);
        await result.ShouldNameField("file");

        // A ZIP that is not an Office document is refused too.
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true)) archive.CreateEntry("payload.exe").Open().Dispose();
        await Scenarios.AttachAsync(Host, request.Id, "other", zip.ToArray(), "dokumen.docx", expected: 400);

        (await Scenarios.GetAsync(Host, request.Id)).Attachments.ShouldBeEmpty();
        await using var session = fixture.Store.QuerySession();
        (await session.Events.FetchStreamAsync(request.Id)).Count.ShouldBe(1);
    }

    /// <summary>Another OPD's 19 MB upload: the request is not theirs to see, so the answer is a 404 and not a byte of the body is read.</summary>
    [Fact]
    public async Task another_opds_upload_is_a_404_before_its_body_is_read()
    {
        var request = await Scenarios.SubmitAsync(Host);
        Task Upload(CountingStream body, string token, int expected) => Host.Scenario(s =>
        {
            s.Post.Url($"/requests/{request.Id}/attachments");
            s.ConfigureHttpContext(http =>
            {
                http.Request.ContentType = "multipart/form-data; boundary=spbe";
                http.Request.ContentLength = body.Length;
                http.Request.Body = body;
            });
            s.As(token);
            s.StatusCodeShouldBe(expected);
        });
        var theirs = new CountingStream(19 * 1024 * 1024);
        await Upload(theirs, Scenarios.OtherOpd, 404);
        theirs.BytesRead.ShouldBe(0);
        // The owner's own upload of the same size is read (and refused for its content, a 400 naming the file).
        var own = new CountingStream(19 * 1024 * 1024);
        await Upload(own, Scenarios.Opd, 400);
        own.BytesRead.ShouldBeGreaterThan(0);
        // One that says it is larger than a file may be is a 413, unread too.
        var huge = new CountingStream(25 * 1024 * 1024);
        await Upload(huge, Scenarios.Opd, 413);
        huge.BytesRead.ShouldBe(0);
    }

    [Fact]
    public async Task an_oversized_file_is_a_400_naming_the_file()
    {
        var request = await Scenarios.SubmitAsync(Host);
        var big = new byte[20 * 1024 * 1024 + 1];
        "%PDF-"u8.ToArray().CopyTo(big, 0);
        var result = await Scenarios.AttachAsync(Host, request.Id, "request-memo", big, expected: 400);
        await result.ShouldNameField("file");
    }

    [Fact]
    public async Task an_unknown_kind_and_a_wrong_content_type_are_400()
    {
        var request = await Scenarios.SubmitAsync(Host);
        await (await Scenarios.AttachAsync(Host, request.Id, "selfie", Scenarios.Pdf, expected: 400)).ShouldNameField("kind");
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new { file = "x" }).ToUrl($"/requests/{request.Id}/attachments");
            s.As(Scenarios.Opd);
            s.StatusCodeShouldBe(400);
        });
        await result.ShouldNameField("file");
    }

    [Fact]
    public async Task a_path_like_file_name_is_kept_as_a_plain_name()
    {
        var request = await Scenarios.SubmitAsync(Host);
        var added = (await (await Scenarios.AttachAsync(Host, request.Id, "other", Scenarios.Pdf, "../../etc/passwd"))
            .ReadAsJsonAsync<AttachmentResponse>())!;
        added.FileName.ShouldBe("passwd.pdf");
        FileSniffer.SafeName("..\\..\\windows\\evil\".pdf", FileSniffer.Pdf).ShouldBe("evil.pdf");
    }
}

/// <summary>A body of zeros that counts what was read of it.</summary>
internal sealed class CountingStream(long length) : Stream
{
    public long BytesRead { get; private set; }
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    // Alba rewinds the body before sending it: a rewind of an unread body is allowed.
    public override long Position { get => BytesRead; set { if (value != BytesRead) throw new NotSupportedException(); } }
    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - BytesRead);
        Array.Clear(buffer, offset, n);
        BytesRead += n;
        return n;
    }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
