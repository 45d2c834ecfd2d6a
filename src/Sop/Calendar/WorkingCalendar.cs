using System.Globalization;
using System.Text.Json;
using NodaTime;

namespace Spbe.Sop;

/// <summary>
/// The <c>Calendar</c> section: working hours (WIB) and the days off. Days map a date
/// (yyyy-MM-dd) to its name; an empty name cancels a day shipped in the defaults. The 2026
/// national holidays and cuti bersama ship in <c>calendar.json</c>; a new year is new entries.
/// </summary>
public sealed class CalendarOptions
{
    public string WorkdayStart { get; set; } = "07:30";
    public string WorkdayEnd { get; set; } = "16:00";
    public Dictionary<string, string> Holidays { get; set; } = new();
    public Dictionary<string, string> CollectiveLeave { get; set; } = new();

    /// <summary>The days this build ships (<c>calendar.json</c>): the base a service's own configuration is bound over.</summary>
    public static CalendarOptions Shipped()
    {
        using var stream = typeof(CalendarOptions).Assembly.GetManifestResourceStream("Spbe.Sop.calendar.json")
            ?? throw new InvalidOperationException("The shipped calendar (calendar.json) is missing from the assembly.");
        return JsonSerializer.Deserialize<Shipping>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })?.Calendar
            ?? throw new InvalidOperationException("The shipped calendar (calendar.json) has no Calendar section.");
    }

    private sealed record Shipping(CalendarOptions Calendar);
}

/// <summary>
/// Working time in WIB: Monday to Friday, within working hours, minus national holidays and
/// cuti bersama. Pure arithmetic over instants; Assignment (due times) and Reporting (SLA) share it.
/// Reporting's SQL computes the same from a table of cumulative working days (<c>SlaSql.WorkingSeconds</c>); a test holds the two equal.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly LocalTime _start;
    private readonly LocalTime _end;
    private readonly Dictionary<LocalDate, string> _daysOff;

    public WorkingCalendar(CalendarOptions options)
    {
        _start = ParseTime(options.WorkdayStart, nameof(options.WorkdayStart));
        _end = ParseTime(options.WorkdayEnd, nameof(options.WorkdayEnd));
        if (_end <= _start) throw new ArgumentException("Calendar:WorkdayEnd must be after Calendar:WorkdayStart.");
        _daysOff = new Dictionary<LocalDate, string>();
        foreach (var (date, name) in options.Holidays.Concat(options.CollectiveLeave))
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                throw new ArgumentException($"Calendar day '{date}' is not a date (yyyy-MM-dd).");
            if (string.IsNullOrWhiteSpace(name)) _daysOff.Remove(LocalDate.FromDateOnly(d));
            else _daysOff[LocalDate.FromDateOnly(d)] = name;
        }
    }

    /// <summary>The length of one working day (default 8 h 30 min).</summary>
    public Duration WorkingDay => (_end - _start).ToDuration();

    /// <summary>The working time of <paramref name="days"/> working days.</summary>
    public Duration WorkingDays(int days) => WorkingDay * days;

    public bool IsWorkingDay(LocalDate date) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !_daysOff.ContainsKey(date);

    public bool IsWorkingDay(DateOnly date) => IsWorkingDay(LocalDate.FromDateOnly(date));

    /// <summary>Why a date is not a working day, or null when it is one.</summary>
    public string? DayOffReason(DateOnly date)
    {
        var d = LocalDate.FromDateOnly(date);
        if (_daysOff.TryGetValue(d, out var name)) return name;
        return d.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? d.DayOfWeek.ToString() : null;
    }

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public Duration Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return Duration.Zero;
        var start = Wib.ToLocal(from);
        var end = Wib.ToLocal(to);
        var total = Duration.Zero;
        for (var day = start.Date; day <= end.Date; day = day.PlusDays(1))
        {
            if (!IsWorkingDay(day)) continue;
            var open = day.At(_start);
            var close = day.At(_end);
            var a = Max(open, start);
            var b = Min(close, end);
            if (b > a) total += (b - a).ToDuration();
        }
        return total;
    }

    /// <summary>The instant when <paramref name="amount"/> of working time has passed since <paramref name="from"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset from, Duration amount)
    {
        var cursor = Wib.ToLocal(from);
        var remaining = amount;
        // Bounded: a year of days off in a row would be a configuration error.
        for (var i = 0; i < 3660; i++)
        {
            var day = cursor.Date;
            if (IsWorkingDay(day))
            {
                var open = day.At(_start);
                var close = day.At(_end);
                var a = Max(open, cursor);
                if (a < close)
                {
                    var available = (close - a).ToDuration();
                    if (remaining <= available) return ToInstant(a.PlusTicks(remaining.BclCompatibleTicks));
                    remaining -= available;
                }
            }
            cursor = day.PlusDays(1).AtMidnight();
        }
        throw new InvalidOperationException("No working time found within ten years; check the calendar configuration.");
    }

    /// <summary>The end of working hours on a date (WIB): when a step scheduled for that date is due.</summary>
    public DateTimeOffset EndOfWorkingDay(DateOnly date) => ToInstant(LocalDate.FromDateOnly(date).At(_end));

    private static DateTimeOffset ToInstant(LocalDateTime local) => local.InZoneLeniently(Wib.Zone).ToDateTimeOffset().ToUniversalTime();

    private static LocalDateTime Max(LocalDateTime a, LocalDateTime b) => a > b ? a : b;
    private static LocalDateTime Min(LocalDateTime a, LocalDateTime b) => a < b ? a : b;

    private static LocalTime ParseTime(string value, string name) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? LocalTime.FromTimeOnly(t)
            : throw new ArgumentException($"Calendar:{name} must be a time as HH:mm.");
}
