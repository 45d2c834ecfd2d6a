using NodaTime;
using Spbe.Sop;

namespace Spbe.Documents;

/// <summary>Dates and times as the office writes them, in Bahasa Indonesia, on the WIB calendar.</summary>
public static class Tanggal
{
    private static readonly string[] Months =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    private static readonly string[] Days = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];

    /// <summary>"24 November 2026".</summary>
    public static string Long(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";

    /// <summary>"November 2026".</summary>
    public static string Month(int year, int month) => $"{Months[month - 1]} {year}";

    /// <summary>"Selasa".</summary>
    public static string DayName(DateOnly date) => Days[(int)date.DayOfWeek];

    /// <summary>"Selasa, 24 November 2026".</summary>
    public static string WithDay(DateOnly date) => $"{DayName(date)}, {Long(date)}";

    /// <summary>An instant on the WIB clock: "24 November 2026 pukul 09.30 WIB".</summary>
    public static string At(DateTimeOffset instant)
    {
        var local = Wib.ToLocal(instant);
        return $"{Long(local.Date.ToDateOnly())} pukul {local.Hour:00}.{local.Minute:00} WIB";
    }

    /// <summary>The WIB date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => Wib.Today(instant);
}
