using Shouldly;
using Spbe.Documents;
using Spbe.Testing;
using Xunit;

namespace Spbe.Assignment.Tests;

/// <summary>The shared rendering kit (src/Documents), host-free: what every service's documents rely on.</summary>
public sealed class DocumentKitTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 2, 30, 0, TimeSpan.Zero);

    private static Letter Long(int rows) => new("uji", null, "Surat Uji", "000/001/UJI/2026", new DateOnly(2026, 11, 24), At,
    [
        new Paragraph("Paragraf pembuka yang cukup panjang untuk dibungkus menjadi beberapa baris pada halaman A4, dengan kata-kata " +
                      "berbahasa Indonesia: pengembangan, pemeliharaan, keamanan, integrasi, dan serah terima."),
        new Table(["No", "Nama", "NIP", "Peran"],
            Enumerable.Range(1, rows).Select(i => (IReadOnlyList<string>)[$"{i}", $"Pegawai Nomor {i}", $"19850312201001{i:0000}", "Programmer"]).ToList(),
            [0.6, 3, 2.5, 2]),
        new Paragraph("Huruf di luar Latin-1 tetap tampil: Şahin, Nguyễn, Đặng, №."),
    ],
    [new Signer("Pihak Pertama", "Kepala Seksi Aplikasi", "Ir. Dewi Lestari, M.T.", "197905172003122001"),
     new Signer("Pihak Kedua", "Kepala Dinas Kesehatan", "dr. Andi Wijaya, Sp.PD.", "197806152005012001")]);

    [Fact]
    public void dates_are_written_in_indonesian_on_the_wib_calendar()
    {
        Tanggal.Long(new DateOnly(2026, 11, 24)).ShouldBe("24 November 2026");
        Tanggal.WithDay(new DateOnly(2026, 11, 24)).ShouldBe("Selasa, 24 November 2026");
        Tanggal.Long(new DateOnly(2026, 8, 17)).ShouldBe("17 Agustus 2026");
        Tanggal.At(At).ShouldBe("24 November 2026 pukul 09.30 WIB");
        // 23:30 UTC is already the next day in Jakarta.
        Tanggal.DateOf(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2026, 11, 24));
    }

    [Fact]
    public void a_long_letter_flows_onto_further_pages_with_its_table_header_repeated_and_every_row_and_signature_kept()
    {
        var document = new DocumentKit(new DocumentOptions()).Render(Long(60));
        var pages = PdfFiles.Pages(document.Pdf);
        pages.ShouldBeGreaterThan(1);
        var text = PdfFiles.Words(document.Pdf);
        for (var i = 1; i <= 60; i++) text.ShouldContain($"{i} Pegawai Nomor {i} 19850312201001{i:0000} Programmer");
        text.ShouldContain($"Halaman {pages} dari {pages}");
        // The table runs over two pages, its header on each.
        (text.Split("No Nama NIP Peran").Length - 1).ShouldBe(2);
        text.ShouldContain("Ir. Dewi Lestari, M.T. dr. Andi Wijaya, Sp.PD.");
        text.ShouldContain("NIP. 197905172003122001 NIP. 197806152005012001");
    }

    [Fact]
    public void the_font_is_embedded_and_the_qr_code_points_at_the_configured_verification_address()
    {
        var kit = new DocumentKit(new DocumentOptions { VerifyBaseUrl = "https://spbe.example.go.id/verifikasi/{hash}", Place = "Pekanbaru" });
        var document = kit.Render(Long(3));
        var fonts = PdfFiles.Fonts(document.Pdf);
        var noto = fonts.Split('\n').Where(l => l.Contains("Noto Sans")).ToList();
        noto.Count.ShouldBe(2); // regular and bold, nothing else
        noto.ShouldAllBe(l => l.Contains("yes yes yes")); // embedded, subset, with a Unicode map
        var text = PdfFiles.Words(document.Pdf);
        text.ShouldContain($"https://spbe.example.go.id/verifikasi/{document.VerificationCode}");
        text.ShouldContain($"Kode verifikasi: {document.VerificationCode}");
        text.ShouldContain("Pekanbaru, 24 November 2026");
        text.ShouldContain("Şahin, Nguyễn, Đặng, №.");
    }

    [Fact]
    public void the_same_letter_gives_the_same_bytes_and_any_change_of_content_another_hash_and_code()
    {
        var letter = Long(3);
        var first = new DocumentKit(new DocumentOptions()).Render(letter);
        var again = new DocumentKit(new DocumentOptions()).Render(letter with { });
        again.Pdf.ShouldBe(first.Pdf);

        var changed = new DocumentKit(new DocumentOptions()).Render(letter with { Number = "000/002/UJI/2026" });
        changed.Sha256.ShouldNotBe(first.Sha256);
        changed.VerificationCode.ShouldNotBe(first.VerificationCode);
    }
}
