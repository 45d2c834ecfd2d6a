using Bunit;
using Shouldly;
using Spbe.Portal.Components.Shared;
using Spbe.Sop;
using Xunit;

namespace Spbe.Portal.Tests;

/// <summary>The portal's forms as components (bUnit): what a clerk sees when the service or the portal refuses an input.</summary>
public sealed class FormTests : BunitContext
{
    [Fact]
    public void the_services_reasons_appear_beside_their_fields_and_mark_them_invalid()
    {
        var outcome = new Outcome();
        outcome.Refuse(new Dictionary<string, string>
        {
            ["title"] = "Required.",
            ["requestMemo.signedBy.nip"] = "A NIP has 18 digits.",
        });
        var form = Render<RequestFields>(p => p
            .Add(x => x.Input, new RequestInput { Title = "", SignatoryNip = "1978" })
            .Add(x => x.Outcome, outcome)
            .Add(x => x.FormName, "ajukan"));

        form.Find("#galat-title").TextContent.ShouldBe("Required.");
        form.Find("#title").GetAttribute("aria-invalid").ShouldBe("true");
        form.Find("#title").GetAttribute("aria-describedby").ShouldBe("galat-title");
        form.Find("#galat-requestMemo-signedBy-nip").TextContent.ShouldBe("A NIP has 18 digits.");
        form.Find("#signatoryNip").GetAttribute("aria-invalid").ShouldBe("true");
        // A field the service did not refuse is not marked.
        form.Find("#applicationName").HasAttribute("aria-invalid").ShouldBeFalse();
        form.FindAll(".field-error").Count.ShouldBe(2);
        form.Find("[role=alert].notice").TextContent.ShouldContain("Periksa isian yang ditandai.");
    }

    [Fact]
    public void refusals_that_arrive_after_the_first_render_show_too()
    {
        var outcome = new Outcome();
        var input = new RequestInput();
        var form = Render<RequestFields>(p => p.Add(x => x.Input, input).Add(x => x.Outcome, outcome).Add(x => x.FormName, "ajukan"));
        form.FindAll(".field-error").ShouldBeEmpty();
        outcome.Refuse(new Dictionary<string, string> { ["title"] = "Required." });
        form.Render(p => p.Add(x => x.Input, input).Add(x => x.Outcome, outcome).Add(x => x.FormName, "ajukan"));
        form.Find("#galat-title").TextContent.ShouldBe("Required.");
        form.Find("#title").GetAttribute("aria-invalid").ShouldBe("true");
    }

    [Fact]
    public void every_field_of_the_request_has_a_label()
    {
        var form = Render<RequestFields>(p => p
            .Add(x => x.Input, new RequestInput())
            .Add(x => x.Outcome, new Outcome())
            .Add(x => x.FormName, "ajukan")
            .Add(x => x.WithMemoFile, true));
        foreach (var input in form.FindAll("input:not([type=hidden]), select, textarea"))
            form.FindAll($"label[for='{input.Id}']").Count.ShouldBe(1, $"#{input.Id} has no label");
        form.FindAll(".field-error").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2026-02-30", "desiredDate")]
    [InlineData("besok", "desiredDate")]
    public void a_date_that_is_no_date_is_named_before_anything_is_sent(string desired, string field)
    {
        var outcome = new Outcome();
        var input = new RequestInput { Category = "fix", DesiredDate = desired, MemoDate = "2026-11-20" };
        input.TryBuild(outcome, out var form).ShouldBeFalse();
        form.ShouldBeNull();
        outcome.For(field).ShouldNotBeNull();
    }

    [Fact]
    public void a_complete_form_becomes_the_services_request()
    {
        var outcome = new Outcome();
        var input = new RequestInput
        {
            Title = "Modul cuti", Category = "new-application", ApplicationName = "SIMPEG", Description = "Cuti", MemoNumber = "800/1", MemoDate = "2026-11-20",
            SignatoryName = "dr. Ani", SignatoryNip = "197806152005012001", ContactName = "Siti", ContactPhone = "0812", ContactEmail = "siti@dinkes.go.id",
        };
        input.TryBuild(outcome, out var form).ShouldBeTrue();
        form!.Category.ShouldBe(Clients.Intake.RequestFormCategory.NewApplication);
        form.RequestMemo.Date.ShouldBe(new DateOnly(2026, 11, 20));
        form.DesiredDate.ShouldBeNull();
        outcome.FieldErrors.ShouldBeEmpty();
    }

    [Fact]
    public void the_schedule_picker_offers_working_days_and_shows_holidays_it_does_not_offer()
    {
        var calendar = new WorkingCalendar(CalendarOptions.Shipped());
        // From Thursday 24 December 2026: the 25th is Christmas (a holiday), the 26th and 27th a weekend.
        var days = TeamInput.Days(calendar, new DateOnly(2026, 12, 24), workingDays: 5);
        days.ShouldNotContain(d => d.Day.DayOfWeek == DayOfWeek.Saturday || d.Day.DayOfWeek == DayOfWeek.Sunday);
        days.Count(d => d.DayOff is null).ShouldBe(5);
        days.Where(d => d.DayOff is not null).Select(d => d.Day).ShouldContain(new DateOnly(2026, 12, 25));
        days.First().Day.ShouldBe(new DateOnly(2026, 12, 25));
    }

    [Fact]
    public void a_check_sends_only_the_findings_written()
    {
        var check = new CheckInput { Result = "failed" };
        check.Findings[1] = new FindingInput { Severity = "high", Description = "Validasi tanggal tidak ada" };
        var form = check.ToForm();
        form.Result.ShouldBe("failed");
        form.Findings!.ShouldHaveSingleItem().Description.ShouldBe("Validasi tanggal tidak ada");
        form.Findings![0].Severity.ShouldBe(Clients.Delivery.FindingFormSeverity.High);
    }
}
