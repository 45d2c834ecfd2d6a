using Alba;
using Marten;
using Shouldly;
using Spbe.Contracts;
using Spbe.Intake.ListingRequests;
using Spbe.ServiceDefaults;
using Spbe.Testing;
using Wolverine.Tracking;
using Xunit;

namespace Spbe.Intake.Tests;

/// <summary>
/// The gap-free register number is taken by registration, the office's act: not by a submission, not by a
/// refused registration, not by a request withdrawn before registration. Its own database (fixture), so the
/// counter moves only by what these tests do, one test at a time.
/// </summary>
public sealed class RegisterNumberTests(IntakeFixture fixture) : IClassFixture<IntakeFixture>
{
    private IAlbaHost Host => fixture.Host;

    private static int Seq(string number)
    {
        number.ShouldMatch(@"^SPBE/\d{4}/\d{5}$");
        return int.Parse(number.Split('/')[2]);
    }

    [Fact]
    public async Task twelve_concurrent_registrations_get_consecutive_gap_free_numbers()
    {
        var requests = new List<Guid>();
        for (var i = 0; i < 12; i++) requests.Add((await Scenarios.CompleteRequestAsync(Host)).Id);

        var numbers = await Task.WhenAll(requests.Select(id => Scenarios.RegisterAsync(Host, id)));
        var sequence = numbers.Select(Seq).Order().ToList();
        sequence.Distinct().Count().ShouldBe(12);
        (sequence[^1] - sequence[0]).ShouldBe(11); // no gaps among them

        for (var i = 0; i < requests.Count; i++)
            (await Scenarios.GetAsync(Host, requests[i])).Number.ShouldBe(numbers[i]);
    }

    [Fact]
    public async Task a_request_withdrawn_before_registration_and_a_refused_registration_use_no_number()
    {
        var first = await Scenarios.RegisterAsync(Host, (await Scenarios.CompleteRequestAsync(Host)).Id);

        // Withdrawn before registration: it never had a number, and its message says so.
        var withdrawn = await Scenarios.CompleteRequestAsync(Host);
        var tracked = await Host.ExecuteAndWaitAsync(() =>
            Host.PostAsync($"/requests/{withdrawn.Id}/withdraw", Scenarios.Opd, 204, new { reason = "Tidak jadi" }));
        var message = tracked.Sent.MessagesOf<RequestWithdrawn>().Distinct().ShouldHaveSingleItem();
        message.RequestNumber.ShouldBeNull();
        message.TrackingCode.ShouldBe(withdrawn.TrackingCode);
        (await Scenarios.GetAsync(Host, withdrawn.Id)).Number.ShouldBeNull();

        // Refused registrations (incomplete, withdrawn, twice) take none either.
        var incomplete = await Scenarios.SubmitAsync(Host);
        await Host.PostAsync($"/requests/{incomplete.Id}/register", Scenarios.StafIt, 409);
        await Host.PostAsync($"/requests/{withdrawn.Id}/register", Scenarios.StafIt, 409);
        var again = await Scenarios.CompleteRequestAsync(Host);
        var next = await Scenarios.RegisterAsync(Host, again.Id);
        await Host.PostAsync($"/requests/{again.Id}/register", Scenarios.StafIt, 409);
        (await Scenarios.GetAsync(Host, incomplete.Id)).Number.ShouldBeNull();

        Seq(next).ShouldBe(Seq(first) + 1);
        var third = await Scenarios.RegisterAsync(Host, (await Scenarios.CompleteRequestAsync(Host)).Id);
        Seq(third).ShouldBe(Seq(first) + 2);
    }

    [Fact]
    public async Task a_request_numbered_at_submission_before_this_change_keeps_its_number_and_takes_none()
    {
        var before = await Scenarios.RegisterAsync(Host, (await Scenarios.CompleteRequestAsync(Host)).Id);

        // As the stream of a request submitted while the number was still given at submission: no tracking code.
        var id = Guid.CreateVersion7();
        var clerk = new Actor("clerk-dinkes", "Siti", Roles.Opd, null, "DINKES");
        var details = new RequestDetails("Lama", Category.Fix, "SIMPUS", "d", null,
            new RequestMemo("1", new DateOnly(2026, 1, 5), new Signatory("dr. Andi", TestTokens.SampleNip)), new Contact("Siti", "1", "s@x.id"));
        var now = DateTimeOffset.UtcNow;
        await using (var session = fixture.Store.LightweightSession())
        {
            session.Events.StartStream<ServiceRequest>(id,
                new Submitted(id, "SPBE/2025/09999", "DINKES", details, clerk, now),
                new AttachmentAdded(id, new Attachment(Guid.NewGuid(), AttachmentKind.RequestMemo, "nota.pdf", "application/pdf", 1, "00", now), clerk, now));
            await session.SaveChangesAsync();
        }
        var legacy = await Scenarios.GetAsync(Host, id);
        legacy.Number.ShouldBe("SPBE/2025/09999");
        legacy.TrackingCode.ShouldBeNull();

        (await Scenarios.RegisterAsync(Host, id)).ShouldBe("SPBE/2025/09999");
        var after = await Scenarios.RegisterAsync(Host, (await Scenarios.CompleteRequestAsync(Host)).Id);
        Seq(after).ShouldBe(Seq(before) + 1);
    }

    [Fact]
    public async Task the_list_finds_a_request_by_tracking_code_and_by_register_number()
    {
        var submitted = await Scenarios.CompleteRequestAsync(Host);
        var other = await Scenarios.SubmitAsync(Host);

        var byCode = await List($"?q={submitted.TrackingCode}");
        var item = byCode.Items.ShouldHaveSingleItem();
        item.Id.ShouldBe(submitted.Id);
        item.TrackingCode.ShouldBe(submitted.TrackingCode);
        item.Number.ShouldBeNull();
        (await List($"?q={submitted.TrackingCode.ToLowerInvariant()}")).Items.ShouldHaveSingleItem().Id.ShouldBe(submitted.Id);

        var number = await Scenarios.RegisterAsync(Host, submitted.Id);
        (await List($"?q={Uri.EscapeDataString(number)}")).Items.ShouldHaveSingleItem().Number.ShouldBe(number);
        (await List($"?q={other.TrackingCode}")).Items.ShouldHaveSingleItem().Id.ShouldBe(other.Id);
    }

    private async Task<ListPage<RequestListItem>> List(string query)
    {
        var result = await Host.Scenario(s => { s.Get.Url("/requests" + query); s.As(Scenarios.Auditor); s.StatusCodeShouldBeOk(); });
        return (await result.ReadAsJsonAsync<ListPage<RequestListItem>>())!;
    }
}
