namespace Spbe.Documents;

/// <summary>A part of a letter's body.</summary>
public abstract record Block;

/// <summary>A bold line opening a part of the body.</summary>
public sealed record Heading(string Text) : Block;

/// <summary>Running text, wrapped to the page.</summary>
public sealed record Paragraph(string Text) : Block;

/// <summary>Label–value lines ("Nomor registrasi : SPBE/2026/00042").</summary>
public sealed record Fields(IReadOnlyList<Field> Items) : Block;

public sealed record Field(string Label, string Value);

/// <summary>A ruled table; <paramref name="Widths"/> are relative column widths.</summary>
public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<double> Widths) : Block;

/// <summary>A numbered list.</summary>
public sealed record Numbered(IReadOnlyList<string> Items) : Block;

/// <summary>
/// Who signs: the capacity they sign in (<paramref name="Party"/>, e.g. "Pihak Pertama", may be empty), their
/// position, name and NIP.
/// </summary>
public sealed record Signer(string Party, string Position, string Name, string? Nip);

/// <summary>
/// One of the SOP's letters, as its service writes it from its events: everything on the page comes
/// from here and the office's <see cref="DocumentOptions"/>, nothing from the clock or the machine.
/// </summary>
/// <param name="Kind">The kind, in the API: <c>surat-tugas</c>, <c>berita-acara-serah-terima</c>, …</param>
/// <param name="Sequence">The revision or round of kinds that repeat, null for those that happen once.</param>
/// <param name="Date">The date of the letter (WIB).</param>
/// <param name="IssuedAt">The instant of the event that issued it, written as the PDF's creation date.</param>
public sealed record Letter(
    string Kind, int? Sequence, string Title, string Number, DateOnly Date, DateTimeOffset IssuedAt,
    IReadOnlyList<Block> Body, IReadOnlyList<Signer> Signers)
{
    /// <summary>The letter's name in its service's API: the kind, with its revision or round (<c>surat-tugas-2</c>).</summary>
    public string Name => Sequence is null ? Kind : $"{Kind}-{Sequence}";
}
