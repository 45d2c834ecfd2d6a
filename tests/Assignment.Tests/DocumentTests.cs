using Alba;
using Shouldly;
using Spbe.Assignment.AssigningTeam;
using Spbe.Assignment.Documents;
using Spbe.Contracts;
using Spbe.Documents;
using Spbe.Testing;
using Wolverine.Tracking;
using Xunit;

namespace Spbe.Assignment.Tests;

public sealed class DocumentTests(AssignmentFixture fixture) : IClassFixture<AssignmentFixture>
{
    private IAlbaHost Host => fixture.Host;

    private async Task<(Guid Id, TeamAssigned Message)> AssignAsync(object? team = null, Guid? id = null)
    {
        var caseId = id ?? await Scenarios.OpenCaseAsync(Host);
        if (id is null) await Host.PostAsync($"/analyses/{caseId}/result", Scenarios.Kasi, 204, Scenarios.Analysis);
        if (id is null)
        {
            var tracked = await Host.ExecuteAndWaitAsync(() => Host.PostAsync($"/analyses/{caseId}/team", Scenarios.Kasi, 200, team ?? Scenarios.Team()));
            return (caseId, tracked.Sent.MessagesOf<TeamAssigned>().Distinct().Last());
        }
        // A reissue is asked of Delivery (202) and issued when it accepts.
        var asked = await Host.ExecuteAndWaitAsync(() => Host.PostAsync($"/analyses/{caseId}/team", Scenarios.Kasi, 202, team ?? Scenarios.Team()));
        var question = asked.Sent.MessagesOf<TeamChangeRequested>().Distinct().Single();
        var issued = await Host.InvokeMessageAndWaitAsync(new TeamChangeAccepted(caseId, question.RequestNumber, question.OpdCode,
            DateTimeOffset.UtcNow, question.Actor, question.Revision));
        return (caseId, issued.Sent.MessagesOf<TeamAssigned>().Distinct().Last());
    }

    private async Task<IReadOnlyList<DocumentEntry>> ListAsync(Guid id, string? token = null)
    {
        var result = await Host.Scenario(s => { s.Get.Url($"/analyses/{id}/documents"); s.As(token ?? Scenarios.Auditor); s.StatusCodeShouldBeOk(); });
        return (await result.ReadAsJsonAsync<List<DocumentEntry>>())!;
    }

    [Fact]
    public async Task the_surat_tugas_names_its_number_the_team_with_their_nips_the_schedule_and_the_kasi_who_signs()
    {
        var (id, message) = await AssignAsync();
        var days = Scenarios.NextWorkingDays(5).Select(DateOnly.Parse).ToArray();

        var pdf = await Host.GetPdfAsync($"/analyses/{id}/documents/surat-tugas", Scenarios.StafIt);
        PdfFiles.SavePng(pdf, "surat-tugas");
        var text = PdfFiles.Words(pdf);
        text.ShouldContain("SURAT TUGAS");
        text.ShouldContain($"Nomor: {message.LetterNumber}");
        text.ShouldContain($"Budi {Scenarios.LeadNip} Programmer (Ketua Tim)");
        text.ShouldContain($"Rina {Scenarios.SecurityNip} Application Security");
        text.ShouldContain($"Mulai pelaksanaan {Tanggal.WithDay(days[0])}");
        text.ShouldContain($"Batas serah terima {Tanggal.WithDay(days[4])}");
        text.ShouldContain($"Kota Contoh, {Tanggal.Long(Tanggal.DateOf(message.OccurredAt))}");
        text.ShouldContain($"Kepala Seksi Aplikasi, Kasi Aplikasi NIP. {TestTokens.SampleNip}");
        text.ShouldContain("SPBE/2026/00001"); // the request it is for
    }

    [Fact]
    public async Task team_assigned_carries_the_hashes_of_the_surat_tugas_and_the_hasil_analisis_as_the_list_and_the_pdfs_give_them()
    {
        var (id, message) = await AssignAsync();

        var issued = message.Documents.ShouldNotBeNull();
        issued.Select(d => d.Name).ShouldBe(["hasil-analisis", "surat-tugas-1"], ignoreOrder: true);
        var list = await ListAsync(id);
        list.Select(d => (d.Kind, d.Name, d.Number, d.Sha256)).ShouldBe(
            issued.Select(d => (d.Kind, d.Name, d.Number, d.Sha256)), ignoreOrder: true);
        foreach (var entry in list)
        {
            var pdf = await Host.GetPdfAsync(entry.Url, Scenarios.Auditor);
            DocumentKit.Sha256(pdf).ShouldBe(entry.Sha256);
            // Asked again: the same bytes.
            (await Host.GetPdfAsync(entry.Url, Scenarios.Auditor)).ShouldBe(pdf);
        }

        var analysis = await Host.GetPdfAsync($"/analyses/{id}/documents/hasil-analisis", Scenarios.Kasi);
        PdfFiles.SavePng(analysis, "hasil-analisis");
        var text = PdfFiles.Words(analysis);
        text.ShouldContain("HASIL ANALISIS PERMINTAAN LAYANAN");
        text.ShouldContain("Nomor: SPBE/2026/00001");
        text.ShouldContain("Modul laporan perlu diperbaiki");
        text.ShouldContain("Layak dilaksanakan");
        text.ShouldContain("5 hari kerja");
        text.ShouldContain($"Kasi Aplikasi NIP. {TestTokens.SampleNip}");
    }

    [Fact]
    public async Task a_reissued_surat_tugas_is_a_document_of_its_own_that_names_the_one_it_replaces_and_the_first_stays_as_it_was()
    {
        var (id, first) = await AssignAsync();
        var before = await ListAsync(id);
        var team = Scenarios.Team(members:
        [
            new { nip = Scenarios.LeadNip, name = "Budi", role = "programmer" },
            new { nip = Scenarios.SecurityNip, name = "Rina", role = "app-security" },
            new { nip = "199203142019031004", name = "Andi Pratama", role = "programmer" },
        ]);
        var (_, second) = await AssignAsync(team, id);

        second.Documents.ShouldNotBeNull().ShouldHaveSingleItem().Name.ShouldBe("surat-tugas-2");
        var after = await ListAsync(id);
        after.Select(d => d.Name).ShouldBe(["hasil-analisis", "surat-tugas-1", "surat-tugas-2"]);
        after.Take(2).ShouldBe(before);

        var text = PdfFiles.Words(await Host.GetPdfAsync($"/analyses/{id}/documents/surat-tugas", Scenarios.Kasi));
        text.ShouldContain($"Nomor: {second.LetterNumber}");
        text.ShouldContain($"menggantikan Surat Tugas nomor {first.LetterNumber}");
        text.ShouldContain("Andi Pratama 199203142019031004 Programmer");
        PdfFiles.Words(await Host.GetPdfAsync($"/analyses/{id}/documents/surat-tugas-1", Scenarios.Kasi)).ShouldNotContain("Andi Pratama");
    }

    [Fact]
    public async Task a_case_without_a_team_has_no_documents_and_an_unknown_kind_is_404()
    {
        var id = await Scenarios.OpenCaseAsync(Host);
        await Host.PostAsync($"/analyses/{id}/result", Scenarios.Kasi, 204, Scenarios.Analysis);
        (await ListAsync(id)).ShouldBeEmpty();
        await Host.Scenario(s => { s.Get.Url($"/analyses/{id}/documents/hasil-analisis"); s.As(Scenarios.Kasi); s.StatusCodeShouldBe(404); });
        await Host.Scenario(s => { s.Get.Url($"/analyses/{Guid.NewGuid()}/documents"); s.As(Scenarios.Kasi); s.StatusCodeShouldBe(404); });
        await Host.Scenario(s => { s.Get.Url($"/analyses/{id}/documents"); s.As(Scenarios.Opd); s.StatusCodeShouldBe(403); });
    }

    [Fact]
    public void rendering_the_same_case_twice_gives_the_same_bytes_and_another_office_other_bytes()
    {
        var at = new DateTimeOffset(2026, 11, 24, 2, 30, 0, TimeSpan.Zero);
        var request = new RequestInfo("SPBE/2026/00042", "DINKES", "Integrasi SIMPUS", "integration", "SIMPUS", "x", null, at.AddDays(-2), at.AddDays(-1));
        var assigned = new TeamAssignedToCase(Guid.NewGuid(),
            new Spbe.Assignment.SuratTugas("800/007/ST/Diskominfotik-2026", Scenarios.LeadNip,
                [new TeamMember(Scenarios.LeadNip, "Budi Santoso", "programmer")],
                new Schedule(new(2026, 11, 25), new(2026, 11, 27), new(2026, 11, 30), new(2026, 12, 1), new(2026, 12, 2)), 1),
            new Actor("dewi", "Ir. Dewi Lestari, M.T.", Roles.KasiAplikasi, "197905172003122001"), at);
        var letter = SuratTugasLetter.Of(request, assigned, null);

        var once = new DocumentKit(new DocumentOptions()).Render(letter);
        var twice = new DocumentKit(new DocumentOptions()).Render(letter);
        twice.Pdf.ShouldBe(once.Pdf);
        twice.Sha256.ShouldBe(once.Sha256);
        PdfFiles.Text(once.Pdf).ShouldContain("24 November 2026");

        var other = new DocumentKit(new DocumentOptions { Office = "DINAS LAIN" }).Render(letter);
        other.Sha256.ShouldNotBe(once.Sha256);
        other.VerificationCode.ShouldNotBe(once.VerificationCode);
    }
}
