using Alba;
using Shouldly;
using Spbe.Contracts;
using Spbe.Documents;
using Spbe.Testing;
using Wolverine.Tracking;
using Xunit;

namespace Spbe.Delivery.Tests;

public sealed class DocumentTests(DeliveryFixture fixture) : IClassFixture<DeliveryFixture>
{
    private IAlbaHost Host => fixture.Host;

    private async Task<IReadOnlyList<IssuedDocument>> IssuedBy<T>(Func<Task> action) where T : IIntegrationEvent
    {
        var tracked = await Host.ExecuteAndWaitAsync(action);
        return tracked.Sent.MessagesOf<T>().Distinct().ShouldHaveSingleItem().Documents.ShouldNotBeNull();
    }

    private async Task<IReadOnlyList<DocumentEntry>> ListAsync(Guid id, string token)
    {
        var result = await Host.Scenario(s => { s.Get.Url($"/work-orders/{id}/documents"); s.As(token); s.StatusCodeShouldBeOk(); });
        return (await result.ReadAsJsonAsync<List<DocumentEntry>>())!;
    }

    private async Task<string> TextAsync(Guid id, string name, string token, string? png = null)
    {
        var pdf = await Host.GetPdfAsync($"/work-orders/{id}/documents/{name}", token);
        if (png is not null) PdfFiles.SavePng(pdf, png);
        return PdfFiles.Words(pdf);
    }

    [Fact]
    public async Task each_step_issues_its_document_with_its_hash_in_the_message_and_the_pdf_names_the_numbers_people_and_dates()
    {
        var id = await Scenarios.OpenAsync(Host);
        await Host.PostAsync($"/work-orders/{id}/start", Scenarios.Programmer, 204);
        var issued = new List<IssuedDocument>();
        issued.AddRange(await IssuedBy<ExecutionReported>(() => Host.PostAsync($"/work-orders/{id}/report", Scenarios.Programmer, 204, Scenarios.Report)));
        issued.AddRange(await IssuedBy<InternalCheckCompleted>(() => Host.PostAsync($"/work-orders/{id}/internal-check", Scenarios.Security, 200, Scenarios.Passed)));
        issued.AddRange(await IssuedBy<OwnerCheckCompleted>(() => Host.PostAsync($"/work-orders/{id}/owner-check", Scenarios.Owner, 200, Scenarios.Accepted)));
        issued.AddRange(await IssuedBy<RequestHandedOver>(() => Host.PostAsync($"/work-orders/{id}/handover", Scenarios.Kasi, 200, Scenarios.Handover)));

        issued.Select(d => d.Name).ShouldBe([
            "laporan-hasil-pelaksanaan-1", "berita-acara-pemeriksaan-internal-1", "berita-acara-pemeriksaan-pemilik-1", "berita-acara-serah-terima"]);
        var list = await ListAsync(id, Scenarios.Owner);
        list.Select(d => (d.Name, d.Number, d.Date, d.Sha256)).ShouldBe(issued.Select(d => (d.Name, d.Number, d.Date, d.Sha256)));
        foreach (var entry in list)
            DocumentKit.Sha256(await Host.GetPdfAsync(entry.Url, Scenarios.Auditor)).ShouldBe(entry.Sha256);

        var work = await Scenarios.GetAsync(Host, id);
        var round = work.Rounds.ShouldHaveSingleItem();
        var today = Tanggal.DateOf(work.Handover!.At);

        var report = await TextAsync(id, "laporan-hasil-pelaksanaan", Scenarios.Programmer, "laporan-hasil-pelaksanaan");
        report.ShouldContain("LAPORAN HASIL PELAKSANAAN");
        report.ShouldContain("Nomor: SPBE/2026/00007/LHP-1");
        report.ShouldContain("Surat Tugas : 800/001/ST/Diskominfotik-2026");
        report.ShouldContain($"Budi {Scenarios.ProgrammerNip} Programmer (Ketua Tim)");
        report.ShouldContain("Modul laporan diperbaiki");
        report.ShouldContain($"Batas pelaksanaan : {Tanggal.WithDay(new DateOnly(2026, 12, 8))}");
        report.ShouldContain($"Budi NIP. {Scenarios.ProgrammerNip}");

        var internalCheck = await TextAsync(id, "berita-acara-pemeriksaan-internal-1", Scenarios.Security, "berita-acara-pemeriksaan-internal");
        internalCheck.ShouldContain("BERITA ACARA PEMERIKSAAN INTERNAL");
        internalCheck.ShouldContain($"Nomor: {round.InternalCheck!.BeritaAcaraNumber}");
        internalCheck.ShouldContain($"Pada hari ini {Tanggal.DayName(today)} tanggal {Tanggal.Long(today)}");
        internalCheck.ShouldContain("LULUS");
        internalCheck.ShouldContain($"Rina NIP. {Scenarios.SecurityNip}");

        var ownerCheck = await TextAsync(id, "berita-acara-pemeriksaan-pemilik", Scenarios.Owner, "berita-acara-pemeriksaan-pemilik");
        ownerCheck.ShouldContain($"Nomor: {round.OwnerCheck!.BeritaAcaraNumber}");
        ownerCheck.ShouldContain("DITERIMA");
        ownerCheck.ShouldContain("Pemeriksa Perwakilan OPD DINKES, Siti NIP. -");

        var handover = await TextAsync(id, "berita-acara-serah-terima", Scenarios.Kasi, "berita-acara-serah-terima");
        handover.ShouldContain("BERITA ACARA SERAH TERIMA");
        handover.ShouldContain($"Nomor: {work.Handover.BeritaAcaraNumber}");
        handover.ShouldContain($"Berita Acara pemeriksaan internal : {round.InternalCheck.BeritaAcaraNumber}");
        handover.ShouldContain("Kode sumber dan dokumentasi diserahkan");
        handover.ShouldContain($"Kota Contoh, {Tanggal.Long(today)}");
        // Both parties sign, each with name and NIP.
        handover.ShouldContain("Pihak Pertama Pihak Kedua");
        handover.ShouldContain($"Kasi Aplikasi dr. Andi NIP. {TestTokens.SampleNip} NIP. 197806152005012001");
    }

    [Fact]
    public async Task a_failed_check_keeps_its_berita_acara_with_the_findings_and_the_next_round_gets_documents_of_its_own()
    {
        var id = await Scenarios.ToAsync(Host, WorkOrderStatus.InternalCheck);
        await Host.PostAsync($"/work-orders/{id}/internal-check", Scenarios.Security, 200, Scenarios.Failed);
        await Host.PostAsync($"/work-orders/{id}/start", Scenarios.Programmer, 204);
        await Host.PostAsync($"/work-orders/{id}/report", Scenarios.Programmer, 204, Scenarios.Report);

        (await ListAsync(id, Scenarios.Kasi)).Select(d => d.Name).ShouldBe(
            ["laporan-hasil-pelaksanaan-1", "berita-acara-pemeriksaan-internal-1", "laporan-hasil-pelaksanaan-2"]);
        var failed = await TextAsync(id, "berita-acara-pemeriksaan-internal-1", Scenarios.Kasi);
        failed.ShouldContain("TIDAK LULUS");
        failed.ShouldContain("1 Tinggi SQL injection di filter");
        (await TextAsync(id, "laporan-hasil-pelaksanaan", Scenarios.Kasi)).ShouldContain("Nomor: SPBE/2026/00007/LHP-2");
    }

    [Fact]
    public async Task documents_are_read_by_whoever_may_read_the_work_order()
    {
        var id = await Scenarios.ToAsync(Host, WorkOrderStatus.InternalCheck);
        (await ListAsync(id, Scenarios.Owner)).ShouldHaveSingleItem();
        await Host.Scenario(s => { s.Get.Url($"/work-orders/{id}/documents"); s.As(Scenarios.OtherOpd); s.StatusCodeShouldBe(404); });
        await Host.Scenario(s => { s.Get.Url($"/work-orders/{id}/documents/laporan-hasil-pelaksanaan-1"); s.As(Scenarios.OtherProgrammer); s.StatusCodeShouldBe(403); });
        await Host.Scenario(s => { s.Get.Url($"/work-orders/{id}/documents/berita-acara-serah-terima"); s.As(Scenarios.Kasi); s.StatusCodeShouldBe(404); });
    }
}
