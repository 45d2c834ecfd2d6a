using Shouldly;
using Spbe.Reporting.Timelines;
using Spbe.Sop;
using Xunit;
using static Spbe.Reporting.Tests.RequestStory;

namespace Spbe.Reporting.Tests;

/// <summary>The SLA arithmetic as pure functions: step facts from messages, measured with the calendar.</summary>
public sealed class SlaArithmeticTests
{
    private static readonly WorkingCalendar Calendar = Http.Calendar;
    private static readonly DateTimeOffset Later = Wib(2027, 1, 1, 0, 0);

    private static StepMeasure Measure(RequestStory story, int step, WorkingCalendar? calendar = null, int round = 1, DateTimeOffset? now = null)
    {
        var c = calendar ?? Calendar;
        var fact = StepBuilder.Build(story.Messages, c).Single(s => s.Step == step && s.Round == round);
        return Evaluation.Measure(fact, c, now ?? Later);
    }

    [Fact]
    public void submitted_friday_1530_registered_monday_0800_took_one_working_hour_and_is_on_time()
    {
        var story = new RequestStory().Submitted(Wib(2026, 11, 20, 15, 30)).Registered(Wib(2026, 11, 23, 8, 0));
        var m = Measure(story, 1);
        m.WorkingTime.ShouldBe(TimeSpan.FromHours(1));
        m.OnTime.ShouldBeTrue();
    }

    [Fact]
    public void registered_monday_0801_is_one_minute_over_the_hour()
    {
        var m = Measure(new RequestStory().Submitted(Wib(2026, 11, 20, 15, 30)).Registered(Wib(2026, 11, 23, 8, 1)), 1);
        m.WorkingTime.ShouldBe(TimeSpan.FromMinutes(61));
        m.OnTime.ShouldBeFalse();
    }

    [Fact]
    public void analysis_across_a_weekend_counts_only_working_days()
    {
        // Registered Friday 14:00, team assigned Monday 13:00: 2 h + 5 h 30 min = 7 h 30 min < 8 h 30 min.
        var story = new RequestStory().Submitted(Wib(2026, 11, 20, 13, 0)).Registered(Wib(2026, 11, 20, 14, 0)).TeamAssigned(Wib(2026, 11, 23, 13, 0));
        var m = Measure(story, 2);
        m.WorkingTime.ShouldBe(TimeSpan.FromHours(7.5));
        m.OnTime.ShouldBeTrue();
    }

    [Fact]
    public void analysis_across_a_national_holiday_skips_it()
    {
        // Registered Wed 23 Dec 2026 10:00; Thu 24 cuti bersama, Fri 25 Natal; assigned Mon 28 09:00: 6 h + 1 h 30 min.
        var story = new RequestStory().Submitted(Wib(2026, 12, 23, 9, 0)).Registered(Wib(2026, 12, 23, 10, 0)).TeamAssigned(Wib(2026, 12, 28, 9, 0));
        Measure(story, 2).WorkingTime.ShouldBe(TimeSpan.FromHours(7.5));
    }

    [Fact]
    public void a_submission_after_working_hours_starts_the_clock_next_morning()
    {
        var story = new RequestStory().Submitted(Wib(2026, 11, 24, 19, 0)).Registered(Wib(2026, 11, 25, 8, 15));
        var m = Measure(story, 1);
        m.WorkingTime.ShouldBe(TimeSpan.FromMinutes(45));
        m.OnTime.ShouldBeTrue();
    }

    [Fact]
    public void time_with_the_opd_while_returned_pauses_the_offices_clock_and_is_shown()
    {
        // 30 min to return it, a working day and a half with the OPD, 20 min to register after resubmission.
        var story = new RequestStory()
            .Submitted(Wib(2026, 11, 24, 9, 0)).Returned(Wib(2026, 11, 24, 9, 30))
            .Submitted(Wib(2026, 11, 25, 13, 0), round: 2).Registered(Wib(2026, 11, 25, 13, 20));
        var m = Measure(story, 1);
        m.WorkingTime.ShouldBe(TimeSpan.FromMinutes(50));
        m.PausedTime.ShouldBe(TimeSpan.FromMinutes(6 * 60 + 30 + 5 * 60 + 30));
        m.OnTime.ShouldBeTrue();
        StepBuilder.Build(story.Messages, Calendar).Single(s => s.Step == 1).Segments.Count.ShouldBe(2);
    }

    [Fact]
    public void a_holiday_added_to_the_calendar_afterwards_changes_past_figures()
    {
        // 2026-11-23 was an ordinary Monday: registered Friday 15:00, assigned Tuesday 08:00 = 1 h + 8 h 30 min + 30 min = 10 h: late.
        var story = new RequestStory().Submitted(Wib(2026, 11, 20, 14, 0)).Registered(Wib(2026, 11, 20, 15, 0)).TeamAssigned(Wib(2026, 11, 24, 8, 0));
        var before = Measure(story, 2);
        before.WorkingTime.ShouldBe(TimeSpan.FromHours(10));
        before.OnTime.ShouldBeFalse();

        var options = CalendarOptions.Shipped();
        options.Holidays["2026-11-23"] = "Hari libur tambahan";
        var after = Measure(story, 2, new WorkingCalendar(options));
        after.WorkingTime.ShouldBe(TimeSpan.FromHours(1.5));
        after.OnTime.ShouldBeTrue();
    }

    [Fact]
    public void steps_three_to_five_are_due_at_the_end_of_their_scheduled_day()
    {
        var story = new RequestStory().Submitted(Wib(2026, 7, 1, 8, 0)).Registered(Wib(2026, 7, 1, 9, 0)).TeamAssigned(Wib(2026, 7, 2, 9, 0))
            .Started(Wib(2026, 7, 6, 8, 0)).Reported(Wib(2026, 7, 10, 15, 59))                       // due 10 Jul: on time
            .InternalCheck(Wib(2026, 7, 14, 16, 1), passed: true);                                      // due 14 Jul 16:00: late
        Measure(story, 3).OnTime.ShouldBeTrue();
        var check = Measure(story, 4);
        check.OnTime.ShouldBeFalse();
        check.Deadline.ShouldBe(Wib(2026, 7, 14, 16, 0));
    }

    [Fact]
    public void a_withdrawal_cancels_the_open_step()
    {
        var story = new RequestStory().Submitted(Wib(2026, 7, 1, 8, 0)).Registered(Wib(2026, 7, 1, 9, 0)).Withdrawn(Wib(2026, 7, 1, 10, 0));
        StepBuilder.Build(story.Messages, Calendar).Single(s => s.Step == 2).State.ShouldBe(StepState.Cancelled);
    }
}
