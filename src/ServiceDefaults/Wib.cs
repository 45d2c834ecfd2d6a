using System.Globalization;
using NodaTime;

namespace Spbe.ServiceDefaults;

/// <summary>Western Indonesian Time (Asia/Jakarta), the SOP's clock.</summary>
public static class Wib
{
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Jakarta"];

    public static LocalDateTime ToLocal(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(Zone).LocalDateTime;

    public static DateOnly Today(DateTimeOffset now) => ToLocal(now).Date.ToDateOnly();

    public static int Year(DateTimeOffset now) => ToLocal(now).Year;

    /// <summary>The instant a WIB day starts.</summary>
    public static DateTimeOffset StartOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7)).ToUniversalTime();

    /// <summary>A query's WIB date (yyyy-MM-dd) as the instant its day starts, plus <paramref name="addDays"/> (1 for an inclusive "to"); a bad value is a field error.</summary>
    public static DateTimeOffset? ReadDay(string? value, string field, Errors errors, int addDays = 0)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            errors.Add(field, "A date as yyyy-MM-dd.");
            return null;
        }
        return StartOf(d.AddDays(addDays));
    }
}
