using Spbe.Contracts;
using Spbe.Documents;

namespace Spbe.Assignment.Documents;

/// <summary>The Surat Tugas Tim of step 2: the team with its lead and the schedule, one document per revision.</summary>
public static class SuratTugasLetter
{
    public const string Kind = "surat-tugas";

    /// <summary>Pure: the letter of one issued revision; <paramref name="previous"/> is the one it replaces.</summary>
    public static Letter Of(RequestInfo r, TeamAssignedToCase issued, TeamAssignedToCase? previous)
    {
        var letter = issued.Letter;
        var s = letter.Schedule;
        var body = new List<Block>
        {
            new Paragraph("Dasar: permintaan layanan aplikasi yang telah diregistrasi dan dianalisis sebagai berikut."),
            new Fields([
                new Field("Nomor registrasi", r.Number),
                new Field("OPD pemohon", r.Opd),
                new Field("Judul permintaan", r.Title),
                new Field("Aplikasi", r.ApplicationName),
                new Field("Kategori", Labels.Category(r.Category)),
            ]),
        };
        if (previous is not null)
            body.Add(new Paragraph($"Surat Tugas ini (perubahan ke-{letter.Revision - 1}) menggantikan Surat Tugas nomor " +
                                   $"{previous.Letter.LetterNumber} tanggal {Tanggal.Long(Tanggal.DateOf(previous.At))}."));
        body.Add(new Heading("MENUGASKAN"));
        body.Add(new Paragraph("Kepada:"));
        body.Add(new Table(["No", "Nama", "NIP", "Peran dalam tim"],
            letter.Members.Select((m, i) => (IReadOnlyList<string>)
                [$"{i + 1}", m.Name, m.Nip, m.Nip == letter.LeadNip ? $"{Labels.Role(m.Role)} (Ketua Tim)" : Labels.Role(m.Role)]).ToList(),
            [0.5, 3, 2.4, 2.6]));
        body.Add(new Paragraph($"Untuk: melaksanakan permintaan layanan \"{r.Title}\" pada aplikasi {r.ApplicationName} " +
                               "sesuai hasil analisis, dengan jadwal sebagai berikut."));
        body.Add(Schedule(s));
        body.Add(new Paragraph("Demikian Surat Tugas ini dibuat untuk dilaksanakan dengan penuh tanggung jawab dan " +
                               "dilaporkan hasilnya kepada Kepala Seksi Aplikasi."));
        var by = issued.Actor;
        return new Letter(Kind, letter.Revision, "Surat Tugas", letter.LetterNumber, Tanggal.DateOf(issued.At), issued.At, body,
            [new Signer("", "Kepala Seksi Aplikasi", by.Name, by.Nip)]);
    }

    public static Table Schedule(Schedule s) => new(["No", "Tahap", "Tanggal"],
    [
        ["1", "Mulai pelaksanaan", Tanggal.WithDay(s.ExecutionStart)],
        ["2", "Batas pelaksanaan (laporan hasil pelaksanaan)", Tanggal.WithDay(s.ExecutionDue)],
        ["3", "Batas pemeriksaan internal", Tanggal.WithDay(s.InternalCheckDue)],
        ["4", "Batas pemeriksaan oleh pemilik (OPD)", Tanggal.WithDay(s.OwnerCheckDue)],
        ["5", "Batas serah terima", Tanggal.WithDay(s.HandoverDue)],
    ], [0.5, 5, 3]);
}
