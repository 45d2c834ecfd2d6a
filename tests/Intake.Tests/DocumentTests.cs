using Alba;
using Shouldly;
using Spbe.Contracts;
using Spbe.Documents;
using Spbe.Testing;
using Wolverine.Tracking;
using Xunit;

namespace Spbe.Intake.Tests;

public sealed class DocumentTests(IntakeFixture fixture) : IClassFixture<IntakeFixture>
{
    private IAlbaHost Host => fixture.Host;

    [Fact]
    public async Task registration_issues_a_tanda_terima_with_the_register_number_the_memo_and_the_staf_it_who_signs_and_its_hash_in_the_message()
    {
        var submitted = await Scenarios.CompleteRequestAsync(Host);
        string? number = null;
        var tracked = await Host.ExecuteAndWaitAsync(async () => number = await Scenarios.RegisterAsync(Host, submitted.Id));
        var issued = tracked.Sent.MessagesOf<RequestRegistered>().Distinct().ShouldHaveSingleItem().Documents.ShouldNotBeNull().ShouldHaveSingleItem();
        issued.Kind.ShouldBe("tanda-terima");
        issued.Number.ShouldBe(number);

        var result = await Host.Scenario(s => { s.Get.Url($"/requests/{submitted.Id}/documents"); s.As(Scenarios.Opd); s.StatusCodeShouldBeOk(); });
        var entry = (await result.ReadAsJsonAsync<List<DocumentEntry>>())!.ShouldHaveSingleItem();
        (entry.Name, entry.Number, entry.Date, entry.Sha256).ShouldBe((issued.Name, issued.Number, issued.Date, issued.Sha256));

        var pdf = await Host.GetPdfAsync(entry.Url, Scenarios.Opd);
        DocumentKit.Sha256(pdf).ShouldBe(issued.Sha256);
        (await Host.GetPdfAsync($"/requests/{submitted.Id}/documents/tanda-terima", Scenarios.Auditor)).ShouldBe(pdf);
        PdfFiles.SavePng(pdf, "tanda-terima");
        var text = PdfFiles.Words(pdf);
        var request = await Scenarios.GetAsync(Host, submitted.Id);
        text.ShouldContain("TANDA TERIMA PERMINTAAN LAYANAN");
        text.ShouldContain($"Nomor: {number}");
        text.ShouldContain($"Kode pelacakan : {submitted.TrackingCode}");
        text.ShouldContain("Judul permintaan : Perbaikan SIMPUS");
        text.ShouldContain($"Diajukan : {Tanggal.At(request.SubmittedAt)}");
        text.ShouldContain($"Ditandatangani oleh : dr. Andi, NIP {TestTokens.SampleNip}");
        text.ShouldContain("Tanggal : 5 Januari 2026");
        text.ShouldContain("1 Nota permintaan layanan memo.pdf");
        text.ShouldContain($"Kota Contoh, {Tanggal.Long(Tanggal.DateOf(request.UpdatedAt))}");
        text.ShouldContain($"Yang menerima Staf IT, Budi NIP. {TestTokens.SampleNip}");
    }

    [Fact]
    public async Task a_request_not_yet_registered_has_no_documents_and_another_opd_does_not_see_them()
    {
        var submitted = await Scenarios.CompleteRequestAsync(Host);
        var result = await Host.Scenario(s => { s.Get.Url($"/requests/{submitted.Id}/documents"); s.As(Scenarios.Opd); s.StatusCodeShouldBeOk(); });
        (await result.ReadAsJsonAsync<List<DocumentEntry>>())!.ShouldBeEmpty();
        await Host.Scenario(s => { s.Get.Url($"/requests/{submitted.Id}/documents/tanda-terima"); s.As(Scenarios.Opd); s.StatusCodeShouldBe(404); });

        await Scenarios.RegisterAsync(Host, submitted.Id);
        await Host.Scenario(s => { s.Get.Url($"/requests/{submitted.Id}/documents"); s.As(Scenarios.OtherOpd); s.StatusCodeShouldBe(404); });
        await Host.Scenario(s => { s.Get.Url($"/requests/{submitted.Id}/documents/tanda-terima"); s.As(Scenarios.OtherOpd); s.StatusCodeShouldBe(404); });
    }
}
