namespace Spbe.Documents;

/// <summary>
/// The office as its letters show it (section <c>Documents</c>): the kop surat, the place before the date
/// of signing, and the public verification address the QR code carries.
/// </summary>
public sealed class DocumentOptions
{
    /// <summary>The first line of the kop surat, the government the office belongs to.</summary>
    public string Government { get; set; } = "PEMERINTAH PROVINSI CONTOH";

    /// <summary>The office's name, the kop surat's large line; also what the public verification names.</summary>
    public string Office { get; set; } = "DINAS KOMUNIKASI, INFORMATIKA DAN STATISTIK";

    public string Address { get; set; } = "Jalan Merdeka No. 1, Kota Contoh 12345";

    public string Contact { get; set; } = "Telepon (0761) 123456 · Laman diskominfotik.example.go.id · Pos-el diskominfotik@example.go.id";

    /// <summary>Where the letters are signed: "Kota Contoh, 24 November 2026".</summary>
    public string Place { get; set; } = "Kota Contoh";

    /// <summary>A PNG or JPEG logo for the kop surat; when empty, the office's emblem is drawn.</summary>
    public string? LogoPath { get; set; }

    /// <summary>
    /// The public verification page the QR code opens: <c>{code}</c> (or <c>{hash}</c>) is replaced by the document's
    /// verification code; without either, the code is appended as the last path segment.
    /// </summary>
    public string VerifyBaseUrl { get; set; } = "http://localhost:5000/verifikasi/{code}";

    /// <summary>Who signs what the office issues without a person's act, the monthly Laporan.</summary>
    public OfficeSignatory ReportSignatory { get; set; } = new();

    /// <summary>The monthly Laporan's number: <c>{year}</c> and <c>{month}</c> (two digits).</summary>
    public string MonthlyReportNumberFormat { get; set; } = "400/{month}/LAP-SPBE/Diskominfotik-{year}";

    public string VerifyUrl(string code) =>
        VerifyBaseUrl.Contains("{code}", StringComparison.Ordinal) ? VerifyBaseUrl.Replace("{code}", code)
        : VerifyBaseUrl.Contains("{hash}", StringComparison.Ordinal) ? VerifyBaseUrl.Replace("{hash}", code)
        : $"{VerifyBaseUrl.TrimEnd('/')}/{code}";
}

/// <summary>A signatory of the office, from configuration.</summary>
public sealed class OfficeSignatory
{
    public string Position { get; set; } = "Kepala Seksi Aplikasi";
    public string Name { get; set; } = "Ir. Dewi Lestari, M.T.";
    public string? Nip { get; set; } = "197905172003122001";
}
