using NodaTime;

namespace Spbe.Sop;

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
}
