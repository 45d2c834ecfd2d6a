using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Spbe.Documents;

/// <summary>
/// PDFsharp names each embedded font subset with a random six-letter tag (<c>MGNHJJ+Noto#20Sans</c>). The tags
/// are replaced by ones derived from the document's content, letter for letter, so that the same letter gives
/// the same bytes; so are the random uuids of the XMP metadata. The file's length and its cross-reference offsets stay as they are.
/// </summary>
internal static partial class SubsetTags
{
    public static byte[] MakeDeterministic(byte[] pdf, string seed)
    {
        // Latin-1 maps every byte to one char and back: a byte-exact view of the file.
        var latin1 = Encoding.Latin1;
        var text = latin1.GetString(pdf);
        var tags = Tag().Matches(text).Select(m => m.Groups["tag"].Value).Distinct().ToList();
        for (var i = 0; i < tags.Count; i++)
            text = text.Replace($"/{tags[i]}+", $"/{Derived(seed, i)}+", StringComparison.Ordinal);
        // The XMP metadata's document and instance ids are random uuids too.
        var uuids = Uuid().Matches(text).Select(m => m.Value).Distinct().ToList();
        for (var i = 0; i < uuids.Count; i++)
            text = text.Replace(uuids[i], $"uuid:{new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:uuid:{i}")).AsSpan(0, 16)):D}", StringComparison.Ordinal);
        return latin1.GetBytes(text);
    }

    private static string Derived(string seed, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{index}"));
        return string.Concat(hash.Take(6).Select(b => (char)('A' + b % 26)));
    }

    [GeneratedRegex(@"uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"/(?<tag>[A-Z]{6})\+")]
    private static partial Regex Tag();
}
