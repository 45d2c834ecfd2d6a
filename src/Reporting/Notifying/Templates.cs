using System.Globalization;
using Spbe.Contracts;
using Spbe.Sop;

namespace Spbe.Reporting.Notifying;

/// <summary>What people read, in Bahasa Indonesia: a subject and a plain-text body per kind of notice.</summary>
public static class Templates
{
    private static readonly CultureInfo Id = CultureInfo.GetCultureInfo("id-ID");

    public static readonly IReadOnlyDictionary<int, string> StepNames = new Dictionary<int, string>
    {
        [1] = "Pengajuan dan verifikasi kelengkapan", [2] = "Analisis", [3] = "Pelaksanaan",
        [4] = "Pemeriksaan internal", [5] = "Pemeriksaan oleh pemilik", [6] = "Serah terima",
    };

    /// <summary>"24 November 2026 08.00 WIB".</summary>
    public static string Time(DateTimeOffset at) => Wib.ToLocal(at).ToDateTimeUnspecified().ToString("d MMMM yyyy HH.mm", Id) + " WIB";

    public static string Date(DateOnly d) => d.ToString("d MMMM yyyy", Id);

    public static string RoleName(string role) => role switch
    {
        Roles.Programmer => "Programmer",
        Roles.StafIt => "Staf IT",
        Roles.Its => "ITS",
        Roles.AppSecurity => "Application Security",
        Roles.KasiAplikasi => "Kepala Seksi Aplikasi",
        Roles.Opd => "OPD",
        _ => role,
    };

    public static string Findings(IReadOnlyList<Finding> findings) =>
        findings.Count == 0 ? "" : "\nTemuan:\n" + string.Join("\n", findings.Select(f => $"- [{f.Severity}] {f.Description}"));

    /// <summary>The closing of every mail: where to act, and why it came.</summary>
    public static string Footer(string link) =>
        $"\n\nBuka di portal: {link}\n\n—\nPesan ini dikirim otomatis oleh Sistem Layanan Aplikasi SPBE Diskominfotik. " +
        "Email pemberitahuan dapat dimatikan di halaman Notifikasi portal; daftar notifikasi di portal tetap tersedia.";
}
