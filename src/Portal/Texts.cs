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

    /// <summary>The phrases that have an English entry (for the test that holds every phrase to one and every entry to a use).</summary>
    public static IReadOnlyCollection<string> PhrasesWithEnglish => EnglishOf.Keys;

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

    /// <summary>What an attachment is (KAK is the SOP's own term, the same in both languages).</summary>
    public static string AttachmentKindName(string wire) => wire == "terms-of-reference" ? "KAK" : T(wire switch
    {
        "request-memo" => "Nota permintaan layanan",
        "change-memo" => "Nota perubahan",
        "other" => "Lainnya",
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
        ["Permohonan"] = "Request",
        ["Daftar permohonan"] = "Requests",
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
        ["Lampiran ditambahkan"] = "Attachment added",
        ["Diubah"] = "Amended",
        ["Diajukan kembali"] = "Resubmitted",
        ["Diregistrasi"] = "Registered",
        ["Langkah berikutnya tercatat"] = "Next step recorded",
        ["Pengajuan"] = "Submission",
        ["Analisis dan penugasan tim"] = "Analysis and team assignment",
        ["Pelaksanaan"] = "Execution",
        ["Serah terima"] = "Handover",
        ["teregistrasi"] = "registered",
        ["dikembalikan"] = "returned",
        ["ditarik"] = "withdrawn",
        ["ditolak"] = "rejected",
        ["tim ditugaskan"] = "team assigned",
        ["dilaporkan"] = "reported",
        ["lulus"] = "passed",
        ["tidak lulus"] = "failed",
        ["diterima"] = "accepted",
        ["minta perbaikan"] = "revision requested",
        ["diserahterimakan"] = "handed over",
        ["Operator OPD"] = "OPD operator",
        ["Staf IT"] = "IT staff",
        ["Kasi Aplikasi"] = "Kasi Aplikasi",
        ["Programmer"] = "Programmer",
        ["IT Support"] = "IT Support",
        ["Application Security"] = "Application Security",
        ["Auditor Inspektorat"] = "Inspectorate auditor",
        ["Operator sistem"] = "System operator",
        ["Layak"] = "Feasible",
        ["Layak dengan syarat"] = "Feasible with conditions",
        ["Tidak layak"] = "Not feasible",
        ["Aplikasi baru"] = "New application",
        ["Perubahan"] = "Change",
        ["Perbaikan"] = "Fix",
        ["Integrasi"] = "Integration",
        ["Hosting"] = "Hosting",
        ["Lainnya"] = "Other",
        ["Tarik permohonan"] = "Withdraw the request",
        ["Riwayat"] = "History",
        ["Lampiran"] = "Attachments",
        ["Linimasa"] = "Timeline",
        ["menit"] = "minutes",
        ["jam kerja"] = "working hours",
        ["Data berubah sejak Anda membukanya. Muat ulang halaman lalu coba lagi; tidak ada yang hilang."] = "The data changed since you opened it. Reload the page and try again; nothing was lost.",
        ["Periksa isian yang ditandai."] = "Check the marked fields.",
        ["Layanan sedang tidak dapat dihubungi. Coba lagi sebentar lagi."] = "The service cannot be reached right now. Try again in a moment.",
        ["Tidak ditemukan."] = "Not found.",
        ["Tidak ada data."] = "Nothing here.",
        ["Kepatuhan dihitung untuk dua belas bulan terakhir, termasuk bulan ini."] = "Compliance is counted over the last twelve months, this one included.",
        ["Verifikasi rantai audit"] = "Verify the audit chain",
        ["Unduh CSV"] = "Download CSV",
        ["Layanan Aplikasi"] = "Application Services",
        ["SOP Manajemen Layanan Aplikasi"] = "Application Service Management SOP",
        ["Waktu dalam WIB"] = "Times in WIB",
        ["Langsung ke isi"] = "Skip to content",
        ["Menu utama"] = "Main menu",
        ["Muat ulang"] = "Reload",
        ["Selamat datang"] = "Welcome",
        ["Sistem ini menjalankan SOP Manajemen Layanan Aplikasi Diskominfotik: pengajuan, analisis dan penugasan tim, pelaksanaan, pemeriksaan internal, pemeriksaan oleh OPD, dan serah terima."] = "This system runs Diskominfotik's Application Service Management SOP: submission, analysis and team assignment, execution, internal check, owner's check, and handover.",
        ["Ajukan permohonan layanan aplikasi"] = "Submit an application service request",
        ["Ikuti permohonan OPD Anda"] = "Follow your OPD's requests",
        ["Periksa hasil pekerjaan yang menunggu persetujuan Anda"] = "Check work awaiting your approval",
        ["Periksa kelengkapan permohonan yang masuk (1 jam)"] = "Check incoming requests for completeness (1 hour)",
        ["Analisis permohonan teregistrasi (1 hari kerja) dan tugaskan tim"] = "Analyse registered requests (1 working day) and assign a team",
        ["Serah terima pekerjaan yang sudah diterima OPD"] = "Hand over work the OPD has accepted",
        ["Langkah yang terlambat dan kepatuhan waktu standar"] = "Overdue steps and compliance with standard times",
        ["Pekerjaan tim Anda menurut tenggat"] = "Your team's work orders by deadline",
        ["Pemeriksaan internal yang menunggu"] = "Internal checks waiting",
        ["Log audit, verifikasi rantai, ekspor CSV"] = "Audit log, chain verification, CSV export",
        ["Kepatuhan waktu standar"] = "Compliance with standard times",
        ["Permohonan yang menunggu pemeriksaan kelengkapan oleh Staf IT. Waktu standar: 1 jam kerja sejak diajukan."] = "Requests awaiting the completeness check by IT staff. Standard time: 1 working hour from submission.",
        ["Semua"] = "All",
        ["Cari"] = "Search",
        ["Tampilkan"] = "Show",
        ["permohonan"] = "requests",
        ["Sisa waktu"] = "Time left",
        ["Lewat waktu"] = "Overdue",
        ["Halaman"] = "Page",
        ["Sebelumnya"] = "Previous",
        ["Berikutnya"] = "Next",
        ["Kembali ke daftar permohonan"] = "Back to the list of requests",
        ["Permohonan terkirim. Kode pelacakan:"] = "Request sent. Tracking code:",
        ["Nomor registrasi"] = "Registration number",
        ["belum diregistrasi"] = "not registered yet",
        ["Kode pelacakan"] = "Tracking code",
        ["Alasan"] = "Reason",
        ["Linimasa enam langkah"] = "Six-step timeline",
        ["Pelaksanaan pekerjaan"] = "Work order",
        ["Belum ada lampiran."] = "No attachments yet.",
        ["Yang masih kurang:"] = "Still missing:",
        ["Jenis dokumen"] = "Document type",
        ["Nota perubahan"] = "Change memo",
        ["Berkas"] = "File",
        ["Lampirkan"] = "Attach",
        ["Pilih berkas."] = "Choose a file.",
        ["Berkas terlampir."] = "File attached.",
        ["Pemeriksaan kelengkapan"] = "Completeness check",
        ["Lengkap: registrasi"] = "Complete: register",
        ["Permohonan teregistrasi."] = "Request registered.",
        ["Yang kurang (satu per baris)"] = "What is missing (one per line)",
        ["Catatan"] = "Note",
        ["Kembalikan untuk dilengkapi"] = "Return for completion",
        ["Permohonan dikembalikan untuk dilengkapi."] = "Request returned for completion.",
        ["Lengkapi dan ajukan kembali"] = "Complete and resubmit",
        ["Simpan dan ajukan kembali"] = "Save and resubmit",
        ["Permohonan diajukan kembali."] = "Request resubmitted.",
        ["Isi data permohonan sesuai Nota permintaan layanan yang telah ditandatangani, lalu lampirkan berkas nota tersebut."] = "Fill in the request as in the signed service request memo, then attach the memo's file.",
        ["Kirim permohonan"] = "Submit the request",
        ["Permohonan terkirim."] = "Request sent.",
        ["— pilih —"] = "— choose —",
        ["Pilih kategori."] = "Choose a category.",
        ["Tanggal tidak valid."] = "Not a valid date.",
        ["Wajib diisi."] = "Required.",
        ["tidak wajib"] = "optional",
        ["Email"] = "Email",
        ["Permohonan teregistrasi dianalisis dalam 1 hari kerja, lalu tim ditugaskan dengan Surat Tugas."] = "Registered requests are analysed within 1 working day, then a team is assigned by a Surat Tugas.",
        ["Tenggat analisis"] = "Analysis due",
        ["terlambat"] = "overdue",
        ["Hasil analisis"] = "Analysis result",
        ["Ringkasan"] = "Summary",
        ["Lingkup"] = "Scope",
        ["Kelayakan"] = "Feasibility",
        ["Pendekatan"] = "Approach",
        ["Perkiraan"] = "Estimate",
        ["hari kerja"] = "working days",
        ["revisi"] = "revision",
        ["(ketua)"] = "(lead)",
        ["pemeriksaan internal"] = "internal check",
        ["pemeriksaan OPD"] = "owner's check",
        ["serah terima"] = "handover",
        ["Catat hasil analisis"] = "Record the analysis result",
        ["Perkiraan (hari kerja)"] = "Estimate (working days)",
        ["Simpan hasil analisis"] = "Save the analysis result",
        ["Hasil analisis tersimpan."] = "Analysis result saved.",
        ["Tugaskan tim (Surat Tugas)"] = "Assign a team (Surat Tugas)",
        ["Terbitkan ulang Surat Tugas"] = "Reissue the Surat Tugas",
        ["Anggota tim"] = "Team members",
        ["Peran"] = "Role",
        ["anggota"] = "of member",
        ["NIP ketua tim"] = "Team lead's NIP",
        ["Pilih peran."] = "Choose a role.",
        ["Jadwal (hanya hari kerja; hari libur ditandai)"] = "Schedule (working days only; holidays are marked)",
        ["Mulai pelaksanaan"] = "Execution start",
        ["Batas pelaksanaan"] = "Execution due",
        ["Batas pemeriksaan internal"] = "Internal check due",
        ["Batas pemeriksaan oleh OPD"] = "Owner's check due",
        ["Batas serah terima"] = "Handover due",
        ["libur"] = "holiday",
        ["Pilih tanggal."] = "Choose a date.",
        ["Terbitkan Surat Tugas"] = "Issue the Surat Tugas",
        ["Surat Tugas terbit."] = "Surat Tugas issued.",
        ["Tolak permohonan"] = "Reject the request",
        ["Tolak"] = "Reject",
        ["Permohonan ditolak."] = "Request rejected.",
        ["Tim"] = "Team",
        ["Jadwal"] = "Schedule",
        ["pelaksanaan"] = "execution",
        ["Tenggat berikutnya"] = "Next deadline",
        ["Putaran pekerjaan"] = "Work rounds",
        ["Putaran"] = "Round",
        ["Dibuka"] = "Opened",
        ["dimulai"] = "started",
        ["Laporan hasil pelaksanaan"] = "Execution report",
        ["perlu perbaikan"] = "needs revision",
        ["Mulai pekerjaan"] = "Start the work",
        ["Pekerjaan dimulai."] = "Work started.",
        ["Catat kemajuan"] = "Record progress",
        ["Persen selesai"] = "Percent complete",
        ["Simpan kemajuan"] = "Save progress",
        ["Kemajuan tercatat."] = "Progress recorded.",
        ["Perubahan yang dibuat"] = "Changes made",
        ["Catatan pemasangan"] = "Deployment notes",
        ["Kirim laporan"] = "Submit the report",
        ["Laporan terkirim."] = "Report submitted.",
        ["Hasil"] = "Result",
        ["Lulus"] = "Passed",
        ["Tidak lulus, perlu perbaikan"] = "Failed, needs fixing",
        ["Diterima"] = "Accepted",
        ["Minta perbaikan"] = "Request revision",
        ["Temuan (wajib bila perlu diperbaiki)"] = "Findings (required when fixes are needed)",
        ["Tingkat"] = "Severity",
        ["Uraian"] = "Description",
        ["Tingkat temuan"] = "Severity of finding",
        ["Uraian temuan"] = "Description of finding",
        ["Rendah"] = "Low",
        ["Sedang"] = "Medium",
        ["Tinggi"] = "High",
        ["Kritis"] = "Critical",
        ["Simpan Berita Acara pemeriksaan internal"] = "Save the Berita Acara of the internal check",
        ["Berita Acara pemeriksaan internal tersimpan."] = "Berita Acara of the internal check saved.",
        ["Simpan Berita Acara pemeriksaan"] = "Save the Berita Acara of the check",
        ["Berita Acara pemeriksaan tersimpan."] = "Berita Acara of the check saved.",
        ["Yang menyerahkan"] = "Handed over by",
        ["Yang menerima (OPD)"] = "Received by (OPD)",
        ["Simpan Berita Acara serah terima"] = "Save the Berita Acara of the handover",
        ["Berita Acara serah terima tersimpan."] = "Berita Acara of the handover saved.",
        ["Dokumen resmi"] = "Official documents",
        ["Belum ada dokumen yang diterbitkan."] = "No documents issued yet.",
        ["Dokumen"] = "Document",
        ["Tanggal"] = "Date",
        ["Unduh"] = "Download",
        ["Verifikasi"] = "Verify",
        ["Verifikasi dokumen"] = "Verify a document",
        ["Periksa apakah sebuah dokumen benar diterbitkan oleh Diskominfotik: pindai kode QR pada dokumen, masukkan kode verifikasinya, atau unggah berkas PDF-nya. Isi dokumen tidak ditampilkan."] = "Check whether a document was really issued by Diskominfotik: scan the QR code on the document, enter its verification code, or upload its PDF file. The document's content is not shown.",
        ["Kode verifikasi atau SHA-256"] = "Verification code or SHA-256",
        ["atau berkas PDF"] = "or a PDF file",
        ["Periksa"] = "Check",
        ["Dokumen ini diterbitkan."] = "This document was issued.",
        ["Penerbit"] = "Issued by",
        ["Tidak ada dokumen terbitan dengan kode ini. Berkas yang diubah, walau satu bita, tidak akan ditemukan."] = "No issued document has this code. A file that was altered, even by one byte, will not be found.",
        ["Linimasa muncul setelah langkah pertama tercatat di Reporting."] = "The timeline appears once the first step is recorded in Reporting.",
        ["Enam langkah SOP: waktu standar dibanding waktu kerja yang terpakai"] = "The SOP's six steps: standard time against the working time used",
        ["Langkah"] = "Step",
        ["Keadaan"] = "State",
        ["Standar"] = "Standard",
        ["Terpakai"] = "Used",
        ["Tepat waktu"] = "On time",
        ["selesai"] = "finished",
        ["berjalan"] = "ongoing",
        ["s.d."] = "until",
        ["Terlambat"] = "Late",
        ["Ya"] = "Yes",
        ["Langkah terlambat dan kepatuhan waktu standar"] = "Overdue steps and compliance with standard times",
        ["Langkah yang terlambat"] = "Overdue steps",
        ["Tidak ada langkah yang terlambat."] = "No overdue steps.",
        ["Kepatuhan per langkah"] = "Compliance by step",
        ["Kepatuhan per OPD"] = "Compliance by OPD",
        ["Kepatuhan per bulan"] = "Compliance by month",
        ["tepat waktu"] = "on time",
        ["Setiap langkah SOP tercatat sekali, berurutan, dan terangkai dengan hash: satu entri yang diubah memutus rantai."] = "Every SOP step is recorded once, in order, and chained by hash: one altered entry breaks the chain.",
        ["Jenis"] = "Type",
        ["ID permohonan"] = "Request ID",
        ["Saring"] = "Filter",
        ["Rantai utuh"] = "Chain intact",
        ["Rantai putus"] = "Chain broken",
        ["entri"] = "entries",
        ["putus pada"] = "broken at",
        ["Digest"] = "Digest",
        ["Pelaku"] = "Actor",
        ["(belum diregistrasi)"] = "(not registered yet)",
        ["Tidak berwenang"] = "Not authorised",
        ["Peran Anda tidak dapat membuka halaman ini."] = "Your role cannot open this page.",
        ["Kembali ke beranda"] = "Back to the home page",
        ["Terjadi kesalahan"] = "Something went wrong",
        ["Permintaan Anda tidak dapat diproses. Coba lagi; bila berulang, hubungi operator dengan waktu kejadian."] = "Your request could not be processed. Try again; if it happens again, contact the operator and tell them when it happened.",
    };
}
