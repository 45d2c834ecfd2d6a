using System.Globalization;
using Microsoft.AspNetCore.Http;
using Spbe.Sop;

namespace Spbe.ServiceDefaults;

/// <summary>Collects per-field errors for a 400.</summary>
public sealed class Errors
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public bool Any => _errors.Count > 0;

    public Errors Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(reason);
        return this;
    }

    /// <summary>Requires a non-blank text of at most <paramref name="max"/> characters.</summary>
    public string? Text(string field, string? value, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, "Required.");
            return null;
        }
        var trimmed = value.Trim();
        if (trimmed.Length > max) Add(field, $"At most {max} characters.");
        if (trimmed.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            Add(field, "Contains control characters.");
        if (HasLoneSurrogate(trimmed)) Add(field, "Contains invalid Unicode (an unpaired surrogate).");
        // Invisible and text-direction characters (zero-width space, right-to-left override, …) make a title or a
        // name read differently from what is stored: "\u202Efdp.exe" shows as "exe.pdf".
        if (trimmed.FirstOrDefault(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format) is var hidden and not '\0')
            Add(field, $"Contains an invisible or text-direction character (U+{(int)hidden:X4}).");
        return trimmed;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }

    /// <summary>An optional WIB date (yyyy-MM-dd) from a query, as the instant its day starts plus <paramref name="addDays"/> (1 for an inclusive "to").</summary>
    public DateTimeOffset? WibDay(string field, string? value, int addDays = 0)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            Add(field, "A date as yyyy-MM-dd.");
            return null;
        }
        return Wib.StartOf(d.AddDays(addDays));
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());

    public IResult ToResult() => Problems.Invalid(ToDictionary());
}
