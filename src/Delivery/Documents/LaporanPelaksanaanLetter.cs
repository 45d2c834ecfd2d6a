using Spbe.Documents;

namespace Spbe.Delivery.Documents;

/// <summary>The Laporan hasil pelaksanaan of a round (step 3), signed by the member who submitted it.</summary>
public static class LaporanPelaksanaanLetter
{
    public const string Kind = "laporan-hasil-pelaksanaan";

    /// <summary>Pure: the round's report, or null while it has none (or was stored without its author).</summary>
    public static Letter? Of(WorkOrder w, Round round)
    {
        if (round.Report is not { } report || round.ReportedAt is not { } at || round.ReportedBy is not { } by) return null;
        var body = new List<Block>
        {
            new Paragraph($"Tim yang ditugaskan dengan Surat Tugas nomor {w.LetterNumber} melaporkan hasil pelaksanaan " +
                          $"putaran ke-{round.Number} atas permintaan layanan berikut."),
            DeliveryDocuments.Basis(w),
            new Fields([
                new Field("Putaran", $"{round.Number}"),
                new Field("Mulai dikerjakan", round.StartedAt is { } started ? Tanggal.At(started) : "-"),
                new Field("Dilaporkan", Tanggal.At(at)),
                new Field("Batas pelaksanaan", Tanggal.WithDay(w.Schedule.ExecutionDue)),
            ]),
            new Heading("Tim pelaksana"),
            DeliveryDocuments.Team(w),
            new Heading("Ringkasan hasil"), new Paragraph(report.Summary),
            new Heading("Perubahan yang dilakukan"), new Paragraph(report.Changes),
        };
        if (!string.IsNullOrWhiteSpace(report.DeploymentNotes))
        {
            body.Add(new Heading("Catatan penerapan"));
            body.Add(new Paragraph(report.DeploymentNotes));
        }
        if (round.Progress.Count > 0)
        {
            body.Add(new Heading("Catatan kemajuan"));
            body.Add(new Table(["Waktu", "Kemajuan", "Catatan", "Oleh"],
                round.Progress.Select(p => (IReadOnlyList<string>)[Tanggal.At(p.At), $"{p.Percent}%", p.Note, p.Actor.Name]).ToList(),
                [2.6, 1, 4, 2]));
        }
        body.Add(new Paragraph("Demikian laporan ini dibuat untuk diperiksa lebih lanjut."));
        return new Letter(Kind, round.Number, "Laporan Hasil Pelaksanaan", $"{w.Number}/LHP-{round.Number}", Tanggal.DateOf(at), at, body,
            [new Signer("Pelapor", DeliveryDocuments.Position(by, w), by.Name, by.Nip)]);
    }
}
