using System.Globalization;
using System.Text.RegularExpressions;

namespace Spbe.Sop;

/// <summary>
/// The office's numbers for formal documents (request numbers, Surat Tugas, Berita Acara): one
/// gap-free sequence per series and WIB year, written in a configurable letter format.
/// </summary>
public static partial class DocumentNumbers
{
    public const string RequestSeries = "request";
    public const string SuratTugasSeries = "surat-tugas";
    public const string BeritaAcaraSeries = "berita-acara";

    /// <summary>
    /// Formats a number with a template such as <c>SPBE/{year}/{seq:00000}</c> or
    /// <c>555/{seq}/Diskominfotik-{year}</c>.
    /// </summary>
    public static string Format(string template, int year, int sequence) =>
        Token().Replace(template, m => m.Groups["name"].Value switch
        {
            "year" => year.ToString(CultureInfo.InvariantCulture),
            "seq" => sequence.ToString(m.Groups["format"].Success ? m.Groups["format"].Value : "0", CultureInfo.InvariantCulture),
            _ => m.Value,
        });

    [GeneratedRegex(@"\{(?<name>year|seq)(:(?<format>[0#]+))?\}")]
    private static partial Regex Token();
}
