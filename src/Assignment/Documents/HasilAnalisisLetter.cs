using Spbe.Documents;

namespace Spbe.Assignment.Documents;

/// <summary>The Hasil analisis of step 2, signed by the Kasi who recorded it; issued with the first Surat Tugas.</summary>
public static class HasilAnalisisLetter
{
    public const string Kind = "hasil-analisis";

    private static readonly Dictionary<Feasibility, string> Feasibilities = new()
    {
        [Feasibility.Feasible] = "Layak dilaksanakan",
        [Feasibility.FeasibleWithConditions] = "Layak dilaksanakan dengan syarat",
        [Feasibility.NotFeasible] = "Tidak layak dilaksanakan",
    };

    /// <summary>Pure: the letter, or null while the case has no analysis recorded with its author.</summary>
    public static Letter? Of(AnalysisCase c)
    {
        if (c.Analysis is not { } a || c.AnalysedBy is not { } by || c.AnalysedAt is not { } at) return null;
        var r = c.Request;
        return new Letter(Kind, null, "Hasil Analisis Permintaan Layanan", r.Number, Tanggal.DateOf(at), at,
        [
            new Paragraph($"Kepala Seksi Aplikasi telah menganalisis permintaan layanan aplikasi yang diregistrasi pada " +
                          $"{Tanggal.At(r.RegisteredAt)}, dengan hasil sebagai berikut."),
            new Fields([
                new Field("Nomor registrasi", r.Number),
                new Field("OPD pemohon", r.Opd),
                new Field("Judul permintaan", r.Title),
                new Field("Aplikasi", r.ApplicationName),
                new Field("Kategori", Labels.Category(r.Category)),
            ]),
            new Heading("Ringkasan"), new Paragraph(a.Summary),
            new Heading("Ruang lingkup"), new Paragraph(a.Scope),
            new Heading("Pendekatan"), new Paragraph(a.Approach),
            new Fields([
                new Field("Kelayakan", Feasibilities[a.Feasibility]),
                new Field("Perkiraan waktu", $"{a.EstimatedEffortDays} hari kerja"),
                new Field("Peran yang dibutuhkan", a.RequiredRoles.Count == 0 ? "-" : string.Join(", ", a.RequiredRoles.Select(Labels.Role))),
            ]),
            new Heading("Risiko"),
            a.Risks.Count == 0 ? new Paragraph("Tidak ada risiko yang dicatat.") : new Numbered(a.Risks),
        ],
        [new Signer("", "Kepala Seksi Aplikasi", by.Name, by.Nip)]);
    }
}
