using Spbe.Documents;

namespace Spbe.Delivery.Documents;

/// <summary>The Berita Acara Serah Terima (step 6), signed by both parties: who handed over and who received.</summary>
public static class BeritaAcaraSerahTerimaLetter
{
    public const string Kind = "berita-acara-serah-terima";

    public static Letter Of(WorkOrder w, Handover h)
    {
        var last = w.Rounds[^1];
        var body = new List<Block>
        {
            new Paragraph($"{DeliveryDocuments.OnThisDay(h.At)}, kami yang bertanda tangan di bawah ini:"),
            new Fields([
                new Field("Nama", h.HandedOverBy.Name),
                new Field("NIP", h.HandedOverBy.Nip),
                new Field("Selaku", "Pihak Pertama, yang menyerahkan"),
            ]),
            new Fields([
                new Field("Nama", h.ReceivedBy.Name),
                new Field("NIP", h.ReceivedBy.Nip),
                new Field("Selaku", $"Pihak Kedua, yang menerima, OPD {w.Opd}"),
            ]),
            new Paragraph("Pihak Pertama menyerahkan kepada Pihak Kedua, dan Pihak Kedua menerima dari Pihak Pertama, " +
                          "hasil pelaksanaan permintaan layanan aplikasi berikut:"),
            DeliveryDocuments.Basis(w),
            new Fields([
                new Field("Putaran terakhir", $"{last.Number}"),
                new Field("Berita Acara pemeriksaan internal", last.InternalCheck?.BeritaAcaraNumber ?? "-"),
                new Field("Berita Acara pemeriksaan pemilik", last.OwnerCheck?.BeritaAcaraNumber ?? "-"),
                new Field("Batas serah terima", Tanggal.WithDay(w.Schedule.HandoverDue)),
            ]),
        };
        if (!string.IsNullOrWhiteSpace(h.Notes))
        {
            body.Add(new Heading("Catatan"));
            body.Add(new Paragraph(h.Notes));
        }
        body.Add(new Paragraph("Dengan serah terima ini, permintaan layanan dinyatakan selesai. Demikian Berita Acara ini dibuat " +
                               "dengan sebenarnya dan ditandatangani oleh kedua belah pihak."));
        return new Letter(Kind, null, "Berita Acara Serah Terima", h.BeritaAcaraNumber, Tanggal.DateOf(h.At), h.At, body,
        [
            new Signer("Pihak Pertama", "Yang menyerahkan", h.HandedOverBy.Name, h.HandedOverBy.Nip),
            new Signer("Pihak Kedua", $"Yang menerima, OPD {w.Opd}", h.ReceivedBy.Name, h.ReceivedBy.Nip),
        ]);
    }
}
