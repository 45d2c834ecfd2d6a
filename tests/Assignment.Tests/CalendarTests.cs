using NodaTime;
using Shouldly;
using Spbe.Sop;
using Xunit;

namespace Spbe.Assignment.Tests;

/// <summary>The shared working calendar, pure (Assignment's due times; Reporting's SLA uses the same code).</summary>
public sealed class CalendarTests
{
    private static readonly WorkingCalendar Calendar = new(CalendarOptions.Shipped());
    private static DateTimeOffset Wib(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, TimeSpan.FromHours(7));

    [Fact]
    public void a_registration_on_friday_afternoon_is_due_on_monday_across_the_weekend() =>
        // 1 h left on Friday (15:00-16:00), then 7 h 30 min of Monday from 07:30.
        Calendar.Add(Wib(2026, 11, 20, 15, 0), Calendar.WorkingDays(1)).ShouldBe(Wib(2026, 11, 23, 15, 0));

    [Fact]
    public void a_registration_before_christmas_is_due_after_cuti_bersama_the_holiday_and_the_weekend() =>
        // Wed 23 Dec 10:00: 6 h that day; Thu 24 (cuti bersama), Fri 25 (Natal), Sat, Sun off; 2 h 30 min of Monday 28.
        Calendar.Add(Wib(2026, 12, 23, 10, 0), Calendar.WorkingDays(1)).ShouldBe(Wib(2026, 12, 28, 10, 0));

    [Fact]
    public void a_registration_after_working_hours_starts_counting_the_next_working_morning() =>
        Calendar.Add(Wib(2026, 11, 24, 19, 0), Duration.FromHours(1)).ShouldBe(Wib(2026, 11, 25, 8, 30));

    [Fact]
    public void working_time_between_skips_nights_weekends_and_holidays()
    {
        Calendar.Between(Wib(2026, 11, 20, 15, 30), Wib(2026, 11, 23, 8, 0)).ShouldBe(Duration.FromMinutes(60));
        Calendar.Between(Wib(2026, 12, 23, 15, 0), Wib(2026, 12, 28, 8, 30)).ShouldBe(Duration.FromHours(2));
        Calendar.Between(Wib(2026, 11, 24, 9, 0), Wib(2026, 11, 24, 8, 0)).ShouldBe(Duration.Zero);
    }

    [Fact]
    public void a_day_can_be_added_or_cancelled_by_configuration()
    {
        var options = CalendarOptions.Shipped();
        options.Holidays["2027-01-01"] = "Tahun Baru 2027 Masehi";
        options.CollectiveLeave["2026-12-24"] = "";
        var calendar = new WorkingCalendar(options);
        calendar.IsWorkingDay(new DateOnly(2027, 1, 1)).ShouldBeFalse();
        calendar.IsWorkingDay(new DateOnly(2026, 12, 24)).ShouldBeTrue();
        Calendar.IsWorkingDay(new DateOnly(2026, 12, 24)).ShouldBeFalse();
    }
}
