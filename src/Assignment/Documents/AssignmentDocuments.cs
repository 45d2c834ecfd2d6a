using Spbe.Contracts;
using Spbe.Documents;

namespace Spbe.Assignment.Documents;

/// <summary>The documents of a case, from its events as its state holds them; pure.</summary>
public static class AssignmentDocuments
{
    /// <summary>
    /// What the case has issued: the Hasil analisis once a team is assigned (its content is then fixed), and each
    /// revision of the Surat Tugas.
    /// </summary>
    public static IReadOnlyList<Letter> Of(AnalysisCase c)
    {
        var letters = new List<Letter>();
        if (c.Letters.Count > 0 && HasilAnalisisLetter.Of(c) is { } analysis) letters.Add(analysis);
        for (var i = 0; i < c.Letters.Count; i++)
            letters.Add(SuratTugasLetter.Of(c.Request, c.Letters[i], i > 0 ? c.Letters[i - 1] : null));
        return letters;
    }

    /// <summary>What the Surat Tugas of <paramref name="revision"/> issues with it: the letter, and the Hasil analisis with the first.</summary>
    public static IReadOnlyList<IssuedDocument> IssuedWith(AnalysisCase after, int revision, DocumentKit kit) =>
        Of(after).Where(l => l.Kind == SuratTugasLetter.Kind ? l.Sequence == revision : revision == 1)
            .Select(l => kit.Render(l).Issued).ToList();
}
