using System.Globalization;
using Spbe.Sop;

namespace Spbe.Portal;

/// <summary>
/// What the portal says: written in Bahasa Indonesia (the key), in English when the reader switched to it.
/// A phrase without an English entry stays in Bahasa Indonesia.
/// </summary>
public static class Texts
{
    public const string Indonesian = "id-ID", English = "en";
    private static readonly CultureInfo IndonesianCulture = new(Indonesian);

    public static bool InEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string T(string indonesian) => InEnglish && EnglishOf.TryGetValue(indonesian, out var english) ? english : indonesian;

    /// <summary>"24 November 2026" (the day in WIB), in the reader's language.</summary>
    public static string Date(DateTimeOffset at) => Date(Wib.Today(at));

    public static string Date(DateOnly day) => day.ToString("d MMMM yyyy", InEnglish ? CultureInfo.GetCultureInfo("en-GB") : IndonesianCulture);

    public static string Date(DateOnly? day) => day is { } d ? Date(d) : "—";

    /// <summary>"24 November 2026 14.05 WIB".</summary>
    public static string When(DateTimeOffset at)
    {
        var local = Wib.ToLocal(at);
        return $"{Date(DateOnly.FromDateTime(local.ToDateTimeUnspecified()))} {local.Hour:00}.{local.Minute:00} WIB";
    }

    public static string When(DateTimeOffset? at) => at is { } a ? When(a) : "—";

    public static string Hours(double hours) => hours < 1
        ? $"{Math.Round(hours * 60):0} {T("menit")}"
        : $"{hours.ToString("0.#", InEnglish ? CultureInfo.InvariantCulture : IndonesianCulture)} {T("jam kerja")}";

    /// <summary>
    /// A service's reason for refusing a field, in the reader's language. The services answer in English
    /// (their API is for other systems too); the reasons people meet most are said here in Bahasa
    /// Indonesia, the rest is shown as the service gave it.
    /// </summary>
    public static string Reason(string reason)
    {
        if (InEnglish) return reason;
        if (Reasons.TryGetValue(reason, out var indonesian)) return indonesian;
        var max = System.Text.RegularExpressions.Regex.Match(reason, @"^At most (\d+) characters\.$");
        return max.Success ? $"Paling banyak {max.Groups[1].Value} karakter." : reason;
    }

    private static readonly Dictionary<string, string> Reasons = new()
    {
        ["Required."] = "Wajib diisi.",
        ["A date as yyyy-MM-dd."] = "Tanggal tidak valid.",
        ["Cannot be in the past."] = "Tidak boleh tanggal yang sudah lewat.",
        ["Cannot be in the future."] = "Tidak boleh tanggal yang akan datang.",
        ["Not an email address."] = "Bukan alamat surel yang valid.",
        ["Digits, spaces and + - ( ) only."] = "Hanya angka, spasi, dan + - ( ).",
        ["A NIP is required."] = "NIP wajib diisi.",
        ["A NIP has exactly 18 digits."] = "NIP terdiri atas tepat 18 angka.",
        ["The first 8 digits of a NIP are a birth date (yyyyMMdd) and this one is not a date."] = "8 angka pertama NIP adalah tanggal lahir (yyyyMMdd); yang ini bukan tanggal.",
        ["Digit 15 of a NIP is the sex digit and must be 1 or 2."] = "Angka ke-15 NIP adalah kode jenis kelamin, 1 atau 2.",
        ["Name at least one missing item."] = "Sebutkan sedikitnya satu kekurangan.",
        ["Name the team's members."] = "Sebutkan anggota tim.",
        ["Required: the NIP of the team's lead."] = "Wajib: NIP ketua tim.",
        ["This person is already in the team."] = "Orang ini sudah ada di tim.",
        ["From 0 to 100."] = "Dari 0 sampai 100.",
        ["From 1 to 365 working days."] = "Dari 1 sampai 365 hari kerja.",
        ["The file is empty."] = "Berkas kosong.",
        ["Only PDF, DOCX, XLSX, PNG and JPEG are accepted, judged by the content; this file is none of them."] = "Hanya PDF, DOCX, XLSX, PNG, dan JPEG yang diterima (dinilai dari isinya); berkas ini bukan salah satunya.",
    };

    /// <summary>What happened, in a request's history (the event's name in the service).</summary>
    public static string Event(string type) => T(type switch
    {
        "submitted" => "Diajukan",
        "attachment-added" => "Lampiran ditambahkan",
        "returned" => "Dikembalikan untuk dilengkapi",
        "amended" => "Diubah",
        "resubmitted" => "Diajukan kembali",
        "registered" => "Diregistrasi",
        "withdrawn" => "Ditarik",
        "status-followed" => "Langkah berikutnya tercatat",
        _ => type,
    });

    /// <summary>One of the SOP's six steps, as Reporting names it.</summary>
    public static string Step(string name) => T(name switch
    {
        "submission" => "Pengajuan",
        "analysis" => "Analisis dan penugasan tim",
        "execution" => "Pelaksanaan",
        "internal-check" => "Pemeriksaan internal",
        "owner-check" => "Pemeriksaan oleh OPD",
        "handover" => "Serah terima",
        _ => name,
    });

    /// <summary>How a step ended.</summary>
    public static string StepOutcome(string outcome) => T(outcome switch
    {
        "registered" => "teregistrasi",
        "returned" => "dikembalikan",
        "withdrawn" => "ditarik",
        "rejected" => "ditolak",
        "team-assigned" => "tim ditugaskan",
        "reported" => "dilaporkan",
        "passed" => "lulus",
        "failed" => "tidak lulus",
        "accepted" => "diterima",
        "revision-requested" => "minta perbaikan",
        "handed-over" => "diserahterimakan",
        _ => outcome,
    });

    /// <summary>A request's, a case's or a work order's status as people say it.</summary>
    public static string Status(string wire) => T(wire switch
    {
        "submitted" => "Diajukan",
        "returned" => "Dikembalikan untuk dilengkapi",
        "registered" => "Teregistrasi",
        "rejected" => "Ditolak",
        "withdrawn" => "Ditarik",
        "withdrawal-requested" => "Penarikan diajukan",
        "team-assigned" => "Tim ditugaskan",
        "in-progress" => "Sedang dikerjakan",
        "internal-check" => "Pemeriksaan internal",
        "owner-check" => "Pemeriksaan oleh OPD",
        "handover" => "Menunggu serah terima",
        "completed" => "Selesai",
        "pending" => "Menunggu analisis",
        "analysed" => "Sudah dianalisis",
        "assigned" => "Tim ditugaskan",
        "closed" => "Ditutup",
        "awaiting-start" => "Menunggu dimulai",
        "in-execution" => "Sedang dikerjakan",
        _ => wire,
    });

    public static string Role(string role) => T(role switch
    {
        "opd" => "Operator OPD",
        "staf-it" => "Staf IT",
        "kasi-aplikasi" => "Kasi Aplikasi",
        "programmer" => "Programmer",
        "its" => "IT Support",
        "app-security" => "Application Security",
        "auditor" => "Auditor Inspektorat",
        "operator" => "Operator sistem",
        _ => role,
    });

    public static string Feasibility(string wire) => T(wire switch
    {
        "feasible" => "Layak",
        "feasible-with-conditions" => "Layak dengan syarat",
        "not-feasible" => "Tidak layak",
        _ => wire,
    });

    public static string Category(string wire) => T(wire switch
    {
        "new-application" => "Aplikasi baru",
        "change" => "Perubahan",
        "fix" => "Perbaikan",
        "integration" => "Integrasi",
        "hosting" => "Hosting",
        "other" => "Lainnya",
        _ => wire,
    });

    private static readonly Dictionary<string, string> EnglishOf = new()
    {
        ["Beranda"] = "Home",
        ["Permohonan"] = "Requests",
        ["Ajukan permohonan"] = "Submit a request",
        ["Antrean registrasi"] = "Registration queue",
        ["Analisis"] = "Analyses",
        ["Pekerjaan"] = "Work orders",
        ["Dasbor"] = "Board",
        ["Notifikasi"] = "Notifications",
        ["Waktu"] = "Time",
        ["Email pemberitahuan"] = "Notification email",
        ["Pemberitahuan juga dikirim ke email Anda."] = "Notices are also sent to your email.",
        ["Email pemberitahuan dimatikan; daftar di bawah tetap diperbarui."] = "Notification email is off; the list below is still kept up to date.",
        ["Alamat:"] = "Address:",
        ["belum diketahui"] = "not known yet",
        ["Matikan email pemberitahuan"] = "Turn notification email off",
        ["Nyalakan email pemberitahuan"] = "Turn notification email on",
        ["Email pemberitahuan dinyalakan."] = "Notification email is on.",
        ["Email pemberitahuan dimatikan."] = "Notification email is off.",
        ["Daftar notifikasi"] = "Notices",
        ["Belum ada notifikasi."] = "No notices yet.",
        ["notifikasi"] = "notices",
        ["Pemberitahuan"] = "Notice",
        ["terkirim"] = "sent",
        ["dimatikan"] = "off",
        ["tanpa alamat"] = "no address",
        ["menunggu"] = "pending",
        ["Log audit"] = "Audit log",
        ["Keluar"] = "Sign out",
        ["Masuk"] = "Sign in",
        ["Judul"] = "Title",
        ["Kategori"] = "Category",
        ["Nama aplikasi"] = "Application name",
        ["Uraian kebutuhan"] = "Description",
        ["Tanggal yang diharapkan"] = "Desired date",
        ["Nota permintaan layanan"] = "Service request memo",
        ["Nomor nota"] = "Memo number",
        ["Tanggal nota"] = "Memo date",
        ["Penandatangan"] = "Signed by",
        ["NIP penandatangan"] = "Signatory's NIP",
        ["Narahubung"] = "Contact person",
        ["Nama"] = "Name",
        ["Telepon"] = "Phone",
        ["Surel"] = "Email",
        ["Berkas nota (PDF)"] = "Memo file (PDF)",
        ["Kirim"] = "Submit",
        ["Simpan"] = "Save",
        ["Status"] = "Status",
        ["Nomor"] = "Number",
        ["Diajukan"] = "Submitted",
        ["Dikembalikan untuk dilengkapi"] = "Returned for completion",
        ["Teregistrasi"] = "Registered",
        ["Ditolak"] = "Rejected",
        ["Ditarik"] = "Withdrawn",
        ["Penarikan diajukan"] = "Withdrawal requested",
        ["Penarikan diproses."] = "Withdrawal submitted.",
        ["Penggantian Surat Tugas diajukan ke pelaksana."] = "Reissue of the Surat Tugas asked of Delivery.",
        ["Tim ditugaskan"] = "Team assigned",
        ["Sedang dikerjakan"] = "In progress",
        ["Pemeriksaan internal"] = "Internal check",
        ["Pemeriksaan oleh OPD"] = "Owner's check",
        ["Menunggu serah terima"] = "Awaiting handover",
        ["Selesai"] = "Completed",
        ["Menunggu analisis"] = "Awaiting analysis",
        ["Sudah dianalisis"] = "Analysed",
        ["Ditutup"] = "Closed",
        ["Menunggu dimulai"] = "Awaiting start",
        ["Registrasi"] = "Register",
        ["Kembalikan"] = "Return",
        ["Tarik permohonan"] = "Withdraw the request",
        ["Riwayat"] = "History",
        ["Lampiran"] = "Attachments",
        ["Linimasa"] = "Timeline",
        ["menit"] = "minutes",
        ["jam kerja"] = "working hours",
        ["Data berubah sejak Anda membukanya. Muat ulang halaman lalu coba lagi; tidak ada yang hilang."] = "The data changed since you opened it. Reload the page and try again; nothing was lost.",
        ["Periksa isian yang ditandai."] = "Check the marked fields.",
        ["Layanan sedang tidak dapat dihubungi. Coba lagi sebentar lagi."] = "The service cannot be reached right now. Try again in a moment.",
        ["Tersimpan."] = "Saved.",
        ["Tidak ditemukan."] = "Not found.",
        ["Tidak ada data."] = "Nothing here.",
        ["Verifikasi rantai audit"] = "Verify the audit chain",
        ["Unduh CSV"] = "Download CSV",
    };
}
