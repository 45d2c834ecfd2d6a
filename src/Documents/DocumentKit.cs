using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PdfSharp.Pdf;
using Spbe.Contracts;

namespace Spbe.Documents;

/// <summary>A letter rendered: the PDF's bytes, their SHA-256, and the verification code its QR code carries.</summary>
public sealed record RenderedDocument(Letter Letter, byte[] Pdf, string Sha256, string VerificationCode)
{
    /// <summary>What the integration message carries of it, for Reporting's audit log and the public verification.</summary>
    public IssuedDocument Issued => new(Letter.Kind, Letter.Name, Letter.Title, Letter.Number, Letter.Date, Sha256, VerificationCode);

    /// <summary>The file name a download gets: <c>surat-tugas-800-001-ST-Diskominfotik-2026.pdf</c>.</summary>
    public string FileName => $"{Letter.Kind}-{string.Concat(Letter.Number.Select(c => char.IsLetterOrDigit(c) ? c : '-'))}.pdf";
}

/// <summary>
/// The office's rendering kit, shared by every service so that every document looks like one office wrote it.
/// <see cref="Render"/> is a pure function of the letter and the office's settings: the same events give the
/// same bytes (the PDF's dates are the event's instant, its id derives from the content, no clock, no random).
/// </summary>
public sealed class DocumentKit(IOptions<DocumentOptions> options)
{
    public DocumentKit(DocumentOptions options) : this(Options.Create(options)) { }

    public DocumentOptions Office => options.Value;

    /// <summary>
    /// The verification code: the SHA-256 of the letter's content and the office. The QR code carries it (a PDF
    /// cannot contain its own hash); Reporting finds a document by it or by the PDF's SHA-256.
    /// </summary>
    public string VerificationCode(Letter letter)
    {
        var o = Office;
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            o.Government, o.Office, letter.Kind, letter.Sequence, letter.Title, letter.Number, letter.Date.ToString("yyyy-MM-dd"),
            letter.IssuedAt.UtcTicks, letter.Body.Select(Canonical).ToArray(),
            letter.Signers.Select(s => new[] { s.Party, s.Position, s.Name, s.Nip }).ToArray(),
        });
        return Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static object Canonical(Block block) => block switch
    {
        Heading h => new object[] { "heading", h.Text },
        Paragraph p => new object[] { "paragraph", p.Text },
        Fields f => new object[] { "fields", f.Items.Select(i => new[] { i.Label, i.Value }).ToArray() },
        Numbered n => new object[] { "numbered", n.Items.ToArray() },
        Table t => new object[] { "table", t.Header.ToArray(), t.Rows.Select(r => r.ToArray()).ToArray(), t.Widths.ToArray() },
        _ => throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name),
    };

    public RenderedDocument Render(Letter letter)
    {
        EmbeddedFonts.Install();
        var code = VerificationCode(letter);
        using var pdf = new PdfDocument();
        pdf.Info.Title = $"{letter.Title} {letter.Number}";
        pdf.Info.Subject = letter.Title;
        pdf.Info.Author = Office.Office;
        pdf.Info.Creator = "Spbe — Manajemen Layanan Aplikasi";
        // The event's instant, not the render's: the same events give the same bytes.
        var issued = letter.IssuedAt.UtcDateTime;
        pdf.Info.CreationDate = issued;
        pdf.Info.ModificationDate = issued;
        pdf.Options.CompressContentStreams = true;
        PdfLayout.Draw(pdf, Office, letter, Office.VerifyUrl(code), code);
        // PDFsharp draws a random document id; the id is the content's instead.
        var id = code[..32].ToUpperInvariant();
        pdf.Internals.FirstDocumentID = id;
        pdf.Internals.SecondDocumentID = id;
        using var stream = new MemoryStream();
        pdf.Save(stream, false);
        var bytes = SubsetTags.MakeDeterministic(stream.ToArray(), code);
        return new RenderedDocument(letter, bytes, Sha256(bytes), code);
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Hex(SHA256.HashData(bytes));

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
