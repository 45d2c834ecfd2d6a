using System.Globalization;
using Spbe.Documents;
using Spbe.Reporting.Sla;
using Spbe.Sop;

namespace Spbe.Reporting.Reports;

/// <summary>The monthly Laporan of the SOP, for a month that is over: the requests' counts and the compliance with the standard times.</summary>
public static class MonthlyLaporanLetter
{
    public const string Kind = "laporan-bulanan";

    /// <summary>The SOP's steps as the office names them, by number.</summary>
    public static string StepName(string step) => step switch
    {
        "1" => "1. Pengajuan dan registrasi permintaan",
        "2" => "2. Analisis dan penugasan tim",
        "3" => "3. Pelaksanaan",
        "4" => "4. Pemeriksaan internal",
        "5" => "5. Pemeriksaan oleh pemilik (OPD)",
        "6" => "6. Serah terima",
        _ => step,
    };

    /// <summary>Pure: dated the month's last day, issued at the instant the month ended (WIB).</summary>
    public static Letter Of(int year, int month, RequestCounts c, IReadOnlyList<ComplianceRow> byStep, IReadOnlyList<ComplianceRow> byOpd,
        DocumentOptions office)
    {
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var ended = Wib.StartOf(first.AddMonths(1));
        var number = office.MonthlyReportNumberFormat
            .Replace("{year}", year.ToString(CultureInfo.InvariantCulture))
            .Replace("{month}", month.ToString("00", CultureInfo.InvariantCulture));
        var inv = CultureInfo.GetCultureInfo("id-ID");
        string Percent(double v) => (v * 100).ToString("0.0", inv) + "%";
        string Hours(double v) => v.ToString("0.0", inv);
        IReadOnlyList<IReadOnlyList<string>> Rows(IReadOnlyList<ComplianceRow> rows, Func<ComplianceRow, string> name) => rows.Count == 0
            ? [["-", "Tidak ada langkah yang selesai", "", "", "", ""]]
            : rows.Select((r, i) => (IReadOnlyList<string>)
                [$"{i + 1}", name(r), $"{r.Total}", $"{r.OnTime}", Percent(r.Compliance), Hours(r.AverageWorkingHours)]).ToList();
        var s = office.ReportSignatory;
        return new Letter(Kind, null, $"Laporan Bulanan Manajemen Layanan Aplikasi", number, last, ended,
        [
            new Paragraph($"Laporan pelaksanaan SOP Manajemen Layanan Aplikasi bulan {Tanggal.Month(year, month)} " +
                          $"(periode {Tanggal.Long(first)} sampai dengan {Tanggal.Long(last)}), disusun dari log audit sistem."),
            new Heading("Permintaan layanan"),
            new Fields([
                new Field("Diajukan", $"{c.Submitted}"),
                new Field("Diregistrasi", $"{c.Registered}"),
                new Field("Dikembalikan untuk dilengkapi", $"{c.Returned}"),
                new Field("Ditolak", $"{c.Rejected}"),
                new Field("Ditarik oleh OPD", $"{c.Withdrawn}"),
                new Field("Tim ditugaskan", $"{c.TeamsAssigned}"),
                new Field("Selesai (serah terima)", $"{c.Completed}"),
            ]),
            new Heading("Kepatuhan terhadap waktu standar, per langkah"),
            new Table(["No", "Langkah", "Selesai", "Tepat waktu", "Kepatuhan", "Rata-rata jam kerja"], Rows(byStep, r => StepName(r.Key)), [0.5, 4, 1.2, 1.3, 1.4, 1.6]),
            new Heading("Kepatuhan terhadap waktu standar, per OPD"),
            new Table(["No", "OPD", "Selesai", "Tepat waktu", "Kepatuhan", "Rata-rata jam kerja"], Rows(byOpd, r => r.Key), [0.5, 4, 1.2, 1.3, 1.4, 1.6]),
            new Paragraph("Demikian laporan ini disampaikan untuk menjadi bahan evaluasi."),
        ],
        [new Signer("", s.Position, s.Name, s.Nip)]);
    }
}
