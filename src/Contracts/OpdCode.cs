using System.Text.RegularExpressions;

namespace Spbe.Contracts;

/// <summary>
/// The code of a regional agency (OPD, Organisasi Perangkat Daerah), e.g. <c>DINKES</c> or <c>BAPPEDA</c>.
/// It comes from the <c>opd</c> claim of an agency user's token, never from a request body.
/// </summary>
public static partial class OpdCode
{
    public const int MaxLength = 32;

    [GeneratedRegex("^[A-Z0-9][A-Z0-9._-]{1,31}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>Normalises case so that "dinkes" and "DINKES" are one agency.</summary>
    public static string Normalize(string value) => value.Trim().ToUpperInvariant();
}
