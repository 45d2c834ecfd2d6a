using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Spbe.Contracts;

/// <summary>
/// NIP (Nomor Induk Pegawai), the 18-digit number of an Indonesian civil servant:
/// birth date yyyyMMdd, appointment (TMT CPNS) yyyyMM, sex digit (1 man, 2 woman), 3-digit sequence.
/// </summary>
public static class Nip
{
    public const int Length = 18;

    /// <summary>Checks a NIP; on failure <paramref name="reason"/> says what is wrong, in words a clerk can act on.</summary>
    public static bool IsValid(string? value, [NotNullWhen(false)] out string? reason)
    {
        reason = Check(value);
        return reason is null;
    }

    public static bool IsValid(string? value) => Check(value) is null;

    private static string? Check(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "A NIP is required.";
        if (value.Length != Length || !value.All(char.IsAsciiDigit))
            return "A NIP has exactly 18 digits.";

        if (!DateOnly.TryParseExact(value[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
            return "The first 8 digits of a NIP are a birth date (yyyyMMdd) and this one is not a date.";
        if (born.Year < 1940)
            return "The birth date in this NIP is before 1940.";

        var appointmentYear = int.Parse(value[8..12], CultureInfo.InvariantCulture);
        var appointmentMonth = int.Parse(value[12..14], CultureInfo.InvariantCulture);
        if (appointmentMonth is < 1 or > 12)
            return "Digits 9-14 of a NIP are the appointment year and month (yyyyMM) and the month is not 01-12.";
        // Civil servants are appointed as adults: 17 is the youngest a CPNS appointment allows.
        if (appointmentYear < born.Year + 17)
            return "The appointment year in this NIP is less than 17 years after the birth date.";

        if (value[14] is not ('1' or '2'))
            return "Digit 15 of a NIP is the sex digit and must be 1 or 2.";
        if (value[15..] == "000")
            return "The last 3 digits of a NIP are a sequence number starting at 001.";
        return null;
    }
}
