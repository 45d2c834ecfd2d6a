using System.IO.Compression;

namespace Spbe.Intake.Attachments;

/// <summary>
/// Tells a file's type from its content, never from its name: PDF, PNG and JPEG by their magic
/// bytes; DOCX and XLSX as ZIP packages holding the part each format requires.
/// </summary>
public static class FileSniffer
{
    public sealed record FileType(string ContentType, string Extension);

    public static readonly FileType Pdf = new("application/pdf", ".pdf");
    public static readonly FileType Png = new("image/png", ".png");
    public static readonly FileType Jpeg = new("image/jpeg", ".jpg");
    public static readonly FileType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly FileType Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");

    public static FileType? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("%PDF-"u8)) return Pdf;
        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (content.StartsWith("PK\x03\x04"u8)) return OfficePackage(content.ToArray());
        return null;
    }

    private static FileType? OfficePackage(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            if (zip.GetEntry("[Content_Types].xml") is null) return null;
            if (zip.GetEntry("word/document.xml") is not null) return Docx;
            if (zip.GetEntry("xl/workbook.xml") is not null) return Xlsx;
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// A file name fit to show and to offer for download: no directories, no control or
    /// path characters, bounded; it is never used as a path.
    /// </summary>
    public static string SafeName(string? name, FileType type)
    {
        var baseName = (name ?? "").Replace('\\', '/');
        baseName = baseName[(baseName.LastIndexOf('/') + 1)..];
        var cleaned = new string(baseName.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim().Trim('.');
        if (cleaned.Length == 0) cleaned = "attachment";
        if (cleaned.Length > 150) cleaned = cleaned[..150];
        return cleaned.EndsWith(type.Extension, StringComparison.OrdinalIgnoreCase) ? cleaned : cleaned + type.Extension;
    }
}
