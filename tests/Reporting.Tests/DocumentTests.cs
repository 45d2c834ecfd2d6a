using Alba;
using Shouldly;
using Spbe.Contracts;
using Spbe.Documents;
using Spbe.Reporting.AuditLog;
using Spbe.Reporting.Verifying;
using Spbe.Testing;
using Wolverine.Tracking;
using Xunit;
using static Spbe.Reporting.Tests.RequestStory;

namespace Spbe.Reporting.Tests;

public sealed class DocumentTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private IAlbaHost Host => fixture.Host;
    private static readonly DocumentKit Kit = new(new DocumentOptions());

    /// <summary>A Berita Acara Serah Terima as Delivery issues one, and the handover message that carries its hash.</summary>
    private static (RenderedDocument Document, RequestHandedOver Message) HandedOver(string number)
    {
        var at = Wib(2026, 7, 17, 10, 0);
        var letter = new Letter("berita-acara-serah-terima", null, "Berita Acara Serah Terima", number, new DateOnly(2026, 7, 17), at,
            [new Paragraph("Pihak Pertama menyerahkan kepada Pihak Kedua hasil pelaksanaan permintaan layanan SPBE/2026/00001.")],
            [new Signer("Pihak Pertama", "Yang menyerahkan", "Kasi", TestTokens.SampleNip), new Signer("Pihak Kedua", "Yang menerima", "dr. Andi", "197806152005012001")]);
        var document = Kit.Render(letter);
        var message = new RequestHandedOver(Guid.NewGuid(), "SPBE/2026/00001", "DINKES", at, Kasi,
            new Person(TestTokens.SampleNip, "Kasi"), new Person("197806152005012001", "dr. Andi"), number, [document.Issued]);
        return (document, message);
    }

    private Task<IScenarioResult> VerifyAsync(string hash, int status) =>
        // No token: the verification is public.
        Host.Scenario(s => { s.Get.Url($"/verify/{hash}"); s.StatusCodeShouldBe(status); });

    [Fact]
    public async Task verify_without_login_finds_a_document_by_the_sha256_of_its_pdf_and_by_its_qr_code_and_tells_only_kind_number_date_office()
    {
        var (document, message) = HandedOver("BA/0101/Diskominfotik/2026");
        await Host.InvokeMessageAndWaitAsync(message);

        var found = (await (await VerifyAsync(document.Sha256, 200)).ReadAsJsonAsync<DocumentVerification>())!;
        found.ShouldBe(new DocumentVerification(true, "berita-acara-serah-terima", "Berita Acara Serah Terima", "BA/0101/Diskominfotik/2026",
            new DateOnly(2026, 7, 17), "DINAS KOMUNIKASI, INFORMATIKA DAN STATISTIK"));
        (await (await VerifyAsync(document.VerificationCode, 200)).ReadAsJsonAsync<DocumentVerification>())!.ShouldBe(found);
        (await (await VerifyAsync(document.Sha256, 200)).ReadAsTextAsync()).ShouldNotContain("dr. Andi");

        // The hash is in the hash-chained audit log, in the message that issued it.
        var audit = await Host.GetJson<AuditPage>($"/audit?requestId={message.RequestId}", Tokens.Auditor);
        audit.Items.ShouldHaveSingleItem().Payload.GetRawText().ShouldContain(document.Sha256);
    }

    [Fact]
    public async Task a_pdf_with_one_byte_changed_or_an_unknown_hash_is_not_found()
    {
        var (document, message) = HandedOver("BA/0102/Diskominfotik/2026");
        await Host.InvokeMessageAndWaitAsync(message);

        var changed = document.Pdf.ToArray();
        var i = changed.Length / 2;
        changed[i] = (byte)(changed[i] ^ 0x01);
        await VerifyAsync(DocumentKit.Sha256(changed), 404);
        await VerifyAsync(new string('a', 64), 404);
        await VerifyAsync("not-a-hash", 404);
        await VerifyAsync(document.Sha256, 200);
    }

    [Fact]
    public async Task a_message_delivered_twice_records_its_document_once_and_old_messages_without_documents_are_still_read()
    {
        var (document, message) = HandedOver("BA/0103/Diskominfotik/2026");
        await Host.InvokeMessageAndWaitAsync(message);
        await Host.InvokeMessageAndWaitAsync(message);
        await VerifyAsync(document.Sha256, 200);

        // A message stored before documents existed has no "documents" field: it reads back with none.
        var old = System.Text.Json.JsonSerializer.Deserialize<RequestHandedOver>(
            """{"requestId":"0197e7a4-0000-7000-8000-000000000001","requestNumber":"SPBE/2026/00001","opdCode":"DINKES","occurredAt":"2026-07-17T03:00:00+00:00","actor":{"userId":"kasi-01","name":"Kasi","role":"kasi-aplikasi"},"handedOverBy":{"nip":"198503122010011001","name":"Kasi"},"receivedBy":{"nip":"197806152005012001","name":"dr. Andi"},"beritaAcaraNumber":"BA/0001/Diskominfotik/2026"}""",
            Spbe.ServiceDefaults.Json.Options)!;
        ((IIntegrationEvent)old).Documents.ShouldBeNull();
    }

    [Fact]
    public async Task the_openapi_document_names_the_document_endpoints_and_the_verification_needs_no_token()
    {
        var result = await Host.Scenario(s => { s.Get.Url("/openapi/v1.json"); s.StatusCodeShouldBeOk(); });
        var paths = System.Text.Json.Nodes.JsonNode.Parse(await result.ReadAsTextAsync())!["paths"]!;
        paths["/verify/{hash}"]!["get"]!["operationId"]!.GetValue<string>().ShouldBe("verifyDocument");
        paths["/reports/monthly/{month}/documents"]!["get"]!["operationId"]!.GetValue<string>().ShouldBe("listMonthlyReportDocuments");
        paths["/reports/monthly/{month}/documents/{kind}"]!["get"]!["operationId"]!.GetValue<string>().ShouldBe("getMonthlyReportDocument");
    }

    [Fact]
    public async Task the_monthly_laporan_of_a_month_that_is_over_names_its_number_period_counts_and_signatory_and_is_verifiable()
    {
        await new RequestStory(number: "SPBE/2026/00031").Submitted(Wib(2026, 6, 1, 8, 0)).Registered(Wib(2026, 6, 1, 9, 0))
            .TeamAssigned(Wib(2026, 6, 2, 9, 0)).DeliverAsync(Host);

        var list = await Host.GetJson<List<DocumentEntry>>("/reports/monthly/2026-06/documents", Tokens.Kasi);
        var entry = list.ShouldHaveSingleItem();
        entry.Kind.ShouldBe("laporan-bulanan");
        entry.Number.ShouldBe("400/06/LAP-SPBE/Diskominfotik-2026");
        entry.Date.ShouldBe(new DateOnly(2026, 6, 30));

        var pdf = await Host.GetPdfAsync(entry.Url, Tokens.Auditor);
        DocumentKit.Sha256(pdf).ShouldBe(entry.Sha256);
        (await Host.GetPdfAsync(entry.Url, Tokens.Auditor)).ShouldBe(pdf);
        PdfFiles.SavePng(pdf, "laporan-bulanan");
        var text = PdfFiles.Words(pdf);
        text.ShouldContain("LAPORAN BULANAN MANAJEMEN LAYANAN APLIKASI");
        text.ShouldContain("Nomor: 400/06/LAP-SPBE/Diskominfotik-2026");
        text.ShouldContain("bulan Juni 2026 (periode 1 Juni 2026 sampai dengan 30 Juni 2026)");
        text.ShouldContain("Diregistrasi : 1");
        text.ShouldContain("Tim ditugaskan : 1");
        text.ShouldContain("2. Analisis dan penugasan tim 1 1 100,0%");
        text.ShouldContain("Kota Contoh, 30 Juni 2026");
        text.ShouldContain("Ir. Dewi Lestari, M.T. NIP. 197905172003122001");

        await VerifyAsync(entry.Sha256, 200);
        await Host.Scenario(s => { s.Get.Url("/reports/monthly/2026-13/documents"); s.As(Tokens.Kasi); s.StatusCodeShouldBe(400); });
        await Host.Scenario(s => { s.Get.Url($"/reports/monthly/{DateTimeOffset.UtcNow:yyyy-MM}/documents"); s.As(Tokens.Kasi); s.StatusCodeShouldBe(409); });
        await Host.Scenario(s => { s.Get.Url("/reports/monthly/2026-06/documents"); s.As(Tokens.Opd); s.StatusCodeShouldBe(403); });
    }
}
