using System.Text.RegularExpressions;
using Shouldly;
using Spbe.Testing;
using Xunit;

namespace Spbe.Portal.Tests;

/// <summary>
/// The portal's English: every phrase the source passes to <c>T("…")</c> (and every phrase <see cref="Texts"/> names in its
/// switches) has an English entry, and every English entry is still used somewhere in the portal's source.
/// </summary>
public sealed partial class TextsTests
{
    private static readonly string PortalSource = Path.Combine(AppHostProcess.FindRoot(), "src", "Portal");

    [Fact]
    public void every_phrase_the_portal_says_has_an_english_entry()
    {
        var phrases = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, text) in SourceFiles())
            foreach (Match m in Phrase().Matches(text)) phrases.Add(Unescape(m.Groups[1].Value));
        foreach (Match m in SwitchArm().Matches(File.ReadAllText(Path.Combine(PortalSource, "Texts.cs")))) phrases.Add(Unescape(m.Groups[1].Value));

        phrases.Count.ShouldBeGreaterThan(200); // the scan found the portal's texts
        var known = Texts.PhrasesWithEnglish.ToHashSet(StringComparer.Ordinal);
        phrases.Where(p => !known.Contains(p)).ToList().ShouldBeEmpty("phrases without an English entry in Texts.EnglishOf");
    }

    [Fact]
    public void every_english_entry_is_used()
    {
        // The source without the English entries themselves; a phrase is used where it stands as a string literal.
        var source = string.Concat(SourceFiles().Select(f => f.Path.EndsWith("Texts.cs", StringComparison.Ordinal) ? WithoutEnglishEntries(f.Text) : f.Text));
        Texts.PhrasesWithEnglish.Where(p => !source.Contains('"' + p.Replace("\"", "\\\"") + '"', StringComparison.Ordinal))
            .ToList().ShouldBeEmpty("entries in Texts.EnglishOf that no code uses");
    }

    private static IEnumerable<(string Path, string Text)> SourceFiles() =>
        Directory.EnumerateFiles(PortalSource, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(f)));

    private static string WithoutEnglishEntries(string texts)
    {
        var start = texts.IndexOf("EnglishOf = new()", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, "Texts.cs declares EnglishOf");
        var end = texts.IndexOf("};", start, StringComparison.Ordinal);
        return texts[..start] + texts[end..];
    }

    private static string Unescape(string literal) => literal.Replace("\\\"", "\"").Replace("\\\\", "\\");

    /// <summary><c>T("…")</c> with a literal (also <c>Texts.T("…")</c> and <c>@T("…")</c>).</summary>
    [GeneratedRegex("""\bT\("((?:[^"\\]|\\.)*)"\)""")]
    private static partial Regex Phrase();

    /// <summary>An arm of <c>T(x switch { "wire" => "phrase", … })</c> in Texts.cs.</summary>
    [GeneratedRegex("""^\s*"[^"]*" => "((?:[^"\\]|\\.)*)",""", RegexOptions.Multiline)]
    private static partial Regex SwitchArm();
}
