using Spbe.Documents;

namespace Spbe.Delivery.Documents;

/// <summary>
/// The Berita Acara of a round's checks: the internal check by Application Security (step 4) and the owner's
/// check by the OPD (step 5), each signed by who recorded it.
/// </summary>
public static class BeritaAcaraPemeriksaanLetter
{
    public const string InternalKind = "berita-acara-pemeriksaan-internal";
    public const string OwnerKind = "berita-acara-pemeriksaan-pemilik";

    public static Letter Internal(WorkOrder w, Round round, CheckRecord check) => Of(w, round, check, InternalKind,
        "Berita Acara Pemeriksaan Internal",
        "pemeriksaan internal (keamanan dan mutu) atas hasil pelaksanaan",
        check.Passed ? "LULUS: hasil pelaksanaan diteruskan ke pemeriksaan oleh pemilik (OPD)."
                     : "TIDAK LULUS: hasil pelaksanaan dikembalikan kepada tim untuk diperbaiki (putaran berikutnya).");

    public static Letter Owner(WorkOrder w, Round round, CheckRecord check) => Of(w, round, check, OwnerKind,
        "Berita Acara Pemeriksaan oleh Pemilik",
        $"pemeriksaan oleh pemilik aplikasi (OPD {w.Opd}) atas hasil pelaksanaan",
        check.Passed ? "DITERIMA: hasil pelaksanaan diterima dan dilanjutkan dengan serah terima."
                     : "PERLU REVISI: hasil pelaksanaan dikembalikan kepada tim untuk direvisi (putaran berikutnya).");

    private static Letter Of(WorkOrder w, Round round, CheckRecord check, string kind, string title, string what, string verdict)
    {
        var report = round.ReportedAt is { } reported ? $" yang dilaporkan pada {Tanggal.At(reported)}" : "";
        return new Letter(kind, round.Number, title, check.BeritaAcaraNumber, Tanggal.DateOf(check.At), check.At,
        [
            new Paragraph($"{DeliveryDocuments.OnThisDay(check.At)}, telah dilakukan {what} putaran ke-{round.Number}{report}, " +
                          "untuk permintaan layanan berikut."),
            DeliveryDocuments.Basis(w),
            new Heading("Hasil pemeriksaan"),
            new Paragraph(verdict),
            new Heading("Temuan"),
            DeliveryDocuments.FindingsOf(check.Findings),
            new Paragraph("Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya."),
        ],
        [new Signer("Pemeriksa", DeliveryDocuments.Position(check.Actor, w), check.Actor.Name, check.Actor.Nip)]);
    }
}
