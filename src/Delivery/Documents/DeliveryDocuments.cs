using Spbe.Contracts;
using Spbe.Documents;

namespace Spbe.Delivery.Documents;

/// <summary>The documents of a work order, from its events as its state holds them; pure.</summary>
public static class DeliveryDocuments
{
    /// <summary>Each round's Laporan hasil pelaksanaan and Berita Acara of its checks, then the Berita Acara Serah Terima.</summary>
    public static IReadOnlyList<Letter> Of(WorkOrder w)
    {
        var letters = new List<Letter>();
        foreach (var round in w.Rounds)
        {
            if (LaporanPelaksanaanLetter.Of(w, round) is { } report) letters.Add(report);
            if (round.InternalCheck is { } internalCheck) letters.Add(BeritaAcaraPemeriksaanLetter.Internal(w, round, internalCheck));
            if (round.OwnerCheck is { } ownerCheck) letters.Add(BeritaAcaraPemeriksaanLetter.Owner(w, round, ownerCheck));
        }
        if (w.Handover is { } handover) letters.Add(BeritaAcaraSerahTerimaLetter.Of(w, handover));
        return letters;
    }

    /// <summary>The documents of <paramref name="kind"/> and <paramref name="round"/> (null: once) the state after an event holds, rendered for its message.</summary>
    public static IReadOnlyList<IssuedDocument> Issued(WorkOrder after, string kind, int? round, DocumentKit kit) =>
        Of(after).Where(l => l.Kind == kind && l.Sequence == round).Select(l => kit.Render(l).Issued).ToList();

    /// <summary>The fields every document of a work order opens with.</summary>
    public static Fields Basis(WorkOrder w) => new([
        new Field("Nomor registrasi", w.Number),
        new Field("OPD pemohon", w.Opd),
        new Field("Judul permintaan", w.Title),
        new Field("Surat Tugas", w.LetterNumber),
    ]);

    public static Table Team(WorkOrder w) => new(["No", "Nama", "NIP", "Peran dalam tim"],
        w.Members.Select((m, i) => (IReadOnlyList<string>)
            [$"{i + 1}", m.Name, m.Nip, m.Nip == w.LeadNip ? $"{Labels.Role(m.Role)} (Ketua Tim)" : Labels.Role(m.Role)]).ToList(),
        [0.5, 3, 2.4, 2.6]);

    public static Block FindingsOf(IReadOnlyList<Finding> findings) => findings.Count == 0
        ? new Paragraph("Tidak ada temuan.")
        : new Table(["No", "Tingkat", "Uraian temuan"],
            findings.Select((f, i) => (IReadOnlyList<string>)[$"{i + 1}", Labels.Severity(f.Severity), f.Description]).ToList(), [0.5, 1.4, 7]);

    /// <summary>"Pada hari ini Selasa tanggal 24 November 2026".</summary>
    public static string OnThisDay(DateTimeOffset at)
    {
        var date = Tanggal.DateOf(at);
        return $"Pada hari ini {Tanggal.DayName(date)} tanggal {Tanggal.Long(date)}";
    }

    /// <summary>The position a person signs in, by the role under which they acted.</summary>
    public static string Position(Actor actor, WorkOrder w) => actor.Role == Roles.Opd ? $"Perwakilan OPD {w.Opd}" : Labels.Role(actor.Role);
}
