using Spbe.Documents;
using Spbe.Intake.Submitting;

namespace Spbe.Intake.Documents;

/// <summary>The tanda terima (registration receipt) of a request, signed by the Staf IT who registered it (step 1's output).</summary>
public static class TandaTerimaLetter
{
    public const string Kind = "tanda-terima";

    private static readonly Dictionary<AttachmentKind, string> AttachmentKinds = new()
    {
        [AttachmentKind.RequestMemo] = "Nota permintaan layanan",
        [AttachmentKind.ChangeMemo] = "Nota perubahan aplikasi",
        [AttachmentKind.TermsOfReference] = "Kerangka acuan kerja (KAK)",
        [AttachmentKind.Other] = "Lainnya",
    };

    /// <summary>Pure: the receipt of a registered request, or null before registration (or for one stored without its registrar).</summary>
    public static Letter? Of(ServiceRequest r)
    {
        if (r.Number is not { } number || r.RegisteredBy is not { } by || r.RegisteredAt is not { } at) return null;
        var d = r.Details;
        var memo = d.RequestMemo;
        // What was attached when it was registered: the receipt does not change afterwards.
        var attachments = r.Attachments.Where(a => a.At <= at).ToList();
        return new Letter(Kind, null, "Tanda Terima Permintaan Layanan", number, Tanggal.DateOf(at), at,
        [
            new Paragraph($"Telah diterima dengan lengkap dan diregistrasi, permintaan layanan aplikasi dari OPD {r.Opd} dengan rincian sebagai berikut."),
            new Fields([
                new Field("Nomor registrasi", number),
                new Field("Kode pelacakan", r.TrackingCode ?? "-"),
                new Field("Judul permintaan", d.Title),
                new Field("Kategori", Labels.Category(RequestFormValidator.Wire(d.Category))),
                new Field("Aplikasi", d.ApplicationName),
                new Field("Diajukan", Tanggal.At(r.SubmittedAt)),
                new Field("Diregistrasi", Tanggal.At(at)),
                new Field("Tanggal yang diinginkan", d.DesiredDate is { } desired ? Tanggal.Long(desired) : "-"),
            ]),
            new Heading("Nota permintaan layanan"),
            new Fields([
                new Field("Nomor", memo.Number),
                new Field("Tanggal", Tanggal.Long(memo.Date)),
                new Field("Ditandatangani oleh", $"{memo.SignedBy.Name}, NIP {memo.SignedBy.Nip}"),
                new Field("Narahubung", $"{d.Contact.Name}, {d.Contact.Phone}, {d.Contact.Email}"),
            ]),
            new Heading("Dokumen yang diterima"),
            new Table(["No", "Jenis", "Nama berkas", "SHA-256 (awal)"],
                attachments.Select((a, i) => (IReadOnlyList<string>)[$"{i + 1}", AttachmentKinds[a.Kind], a.FileName, a.Sha256.Length > 16 ? a.Sha256[..16] : a.Sha256]).ToList(),
                [0.5, 3, 3.5, 2.2]),
            new Paragraph("Permintaan ini diteruskan kepada Kepala Seksi Aplikasi untuk dianalisis. Status permintaan dapat " +
                          "diikuti dengan nomor registrasi atau kode pelacakan di atas."),
        ],
        [new Signer("Yang menerima", "Staf IT", by.Name, by.Nip)]);
    }
}
