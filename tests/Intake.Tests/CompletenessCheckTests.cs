using System.Text.Json.Nodes;
using Alba;
using Marten;
using Shouldly;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Testing;
using Wolverine.Tracking;
using Xunit;

namespace Spbe.Intake.Tests;

public sealed class CompletenessCheckTests(IntakeFixture fixture) : IClassFixture<IntakeFixture>
{
    private IAlbaHost Host => fixture.Host;

    [Fact]
    public async Task submit_return_amend_resubmit_register_round_trip_keeps_every_round_in_the_history()
    {
        var request = await Scenarios.SubmitAsync(Host);
        var id = request.Id;

        var returnTracked = await Host.ExecuteAndWaitAsync(() => Host.PostAsync($"/requests/{id}/return", Scenarios.StafIt, 204,
            new { missing = new[] { "Nota permintaan layanan" }, note = "Lampirkan nota yang ditandatangani." }));
        var returnedMessage = returnTracked.Sent.MessagesOf<RequestReturned>().Distinct().ShouldHaveSingleItem();
        returnedMessage.RequestNumber.ShouldBeNull(); // not registered yet
        returnedMessage.TrackingCode.ShouldBe(request.TrackingCode);
        var returned = await Scenarios.GetAsync(Host, id, Scenarios.Opd);
        returned.Status.ShouldBe(RequestStatus.Returned);
        returned.ReturnedFor.ShouldBe(["Nota permintaan layanan"]);

        await Host.Scenario(s =>
        {
            s.Put.Json(Scenarios.Form(title: "Perbaikan SIMPUS (revisi)")).ToUrl($"/requests/{id}");
            s.As(Scenarios.Opd);
            s.StatusCodeShouldBe(204);
        });
        await Scenarios.AttachAsync(Host, id, "request-memo", Scenarios.Pdf);
        await Host.PostAsync($"/requests/{id}/resubmit", Scenarios.Opd, 204);
        (await Scenarios.GetAsync(Host, id)).Round.ShouldBe(2);

        (await Scenarios.GetAsync(Host, id)).Number.ShouldBeNull();
        IScenarioResult? answer = null;
        var tracked = await Host.ExecuteAndWaitAsync(async () => answer = await Host.PostAsync($"/requests/{id}/register", Scenarios.StafIt, 200));
        var number = (await answer!.ReadAsJsonAsync<Registering.RegisterResponse>())!.Number;
        number.ShouldMatch(@"^SPBE/\d{4}/\d{5}$");
        var registered = tracked.Sent.MessagesOf<RequestRegistered>().Distinct().ShouldHaveSingleItem();
        registered.RequestNumber.ShouldBe(number);
        registered.TrackingCode.ShouldBe(request.TrackingCode);
        registered.Title.ShouldBe("Perbaikan SIMPUS (revisi)");
        registered.Category.ShouldBe("fix");
        registered.OpdCode.ShouldBe("DINKES");
        registered.Actor.UserId.ShouldBe("staf-01");
        registered.Actor.Nip.ShouldBe(TestTokens.SampleNip);

        var view = await Scenarios.GetAsync(Host, id, Scenarios.Opd);
        view.Status.ShouldBe(RequestStatus.Registered);
        view.Number.ShouldBe(number);
        view.TrackingCode.ShouldBe(request.TrackingCode);

        var history = await Host.GetAsJson<JsonArray>($"/requests/{id}/history", Scenarios.Auditor);
        history.Select(e => e!["type"]!.GetValue<string>()).ShouldBe(
            ["submitted", "returned", "amended", "attachment-added", "resubmitted", "registered"]);
        history.Select(e => e!["version"]!.GetValue<long>()).ShouldBe([1, 2, 3, 4, 5, 6]);
        history[1]!["actor"]!["userId"]!.GetValue<string>().ShouldBe("staf-01");
        history[1]!["actor"]!["role"]!.GetValue<string>().ShouldBe(Roles.StafIt);
        history[1]!["userName"]!.GetValue<string>().ShouldBe("staf-01"); // the event metadata agrees with the token
        history[0]!["actor"]!["opd"]!.GetValue<string>().ShouldBe("DINKES");
    }

    [Fact]
    public async Task a_request_without_its_request_memo_cannot_be_registered()
    {
        var request = await Scenarios.SubmitAsync(Host);
        var result = await Host.PostAsync($"/requests/{request.Id}/register", Scenarios.StafIt, 409);
        (await result.ReadAsTextAsync()).ShouldContain("request memo");
    }

    [Fact]
    public async Task a_change_request_without_a_change_memo_cannot_be_registered()
    {
        var request = await Scenarios.CompleteRequestAsync(Host, category: "change");
        var refused = await Host.PostAsync($"/requests/{request.Id}/register", Scenarios.StafIt, 409);
        (await refused.ReadAsTextAsync()).ShouldContain("change memo");

        await Scenarios.AttachAsync(Host, request.Id, "change-memo", Scenarios.Pdf, "nota-perubahan.pdf");
        await Host.PostAsync($"/requests/{request.Id}/register", Scenarios.StafIt, 200);
    }

    [Fact]
    public async Task only_staf_it_registers_and_returns()
    {
        var request = await Scenarios.CompleteRequestAsync(Host);
        await Host.PostAsync($"/requests/{request.Id}/register", Scenarios.Opd, 403);
        await Host.PostAsync($"/requests/{request.Id}/register", Scenarios.Kasi, 403);
        await Host.PostAsync($"/requests/{request.Id}/return", Scenarios.Auditor, 403, new { missing = new[] { "x" }, note = "y" });
    }

    [Fact]
    public async Task steps_out_of_order_are_409_with_the_reason()
    {
        var request = await Scenarios.CompleteRequestAsync(Host);
        // Resubmitting or amending what was never returned.
        (await (await Host.PostAsync($"/requests/{request.Id}/resubmit", Scenarios.Opd, 409)).ReadAsTextAsync())
            .ShouldContain("returned");
        await Host.Scenario(s => { s.Put.Json(Scenarios.Form()).ToUrl($"/requests/{request.Id}"); s.As(Scenarios.Opd); s.StatusCodeShouldBe(409); });

        await Host.PostAsync($"/requests/{request.Id}/register", Scenarios.StafIt, 200);
        // Registering twice, returning after registration, attaching after registration.
        await Host.PostAsync($"/requests/{request.Id}/register", Scenarios.StafIt, 409);
        await Host.PostAsync($"/requests/{request.Id}/return", Scenarios.StafIt, 409, new { missing = new[] { "x" }, note = "y" });
        await Scenarios.AttachAsync(Host, request.Id, "other", Scenarios.Pdf, expected: 409);
    }

    [Fact]
    public async Task a_return_needs_the_missing_items()
    {
        var request = await Scenarios.SubmitAsync(Host);
        var result = await Host.PostAsync($"/requests/{request.Id}/return", Scenarios.StafIt, 400, new { missing = Array.Empty<string>(), note = "" });
        await result.ShouldNameField("missing");
    }

    [Fact]
    public async Task two_concurrent_registrations_exactly_one_succeeds()
    {
        var request = await Scenarios.CompleteRequestAsync(Host);
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Host.Scenario(s =>
        {
            s.Post.Url($"/requests/{request.Id}/register");
            s.As(Scenarios.StafIt);
            s.IgnoreStatusCode();
        })));
        var codes = results.Select(r => r.Context.Response.StatusCode).Order().ToList();
        codes.ShouldBe([200, 409]);

        await using var session = fixture.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(request.Id);
        events.Count(e => e.Data is Registered).ShouldBe(1);
    }

    [Fact]
    public async Task a_stale_if_match_is_412_and_the_current_one_is_accepted()
    {
        var request = await Scenarios.CompleteRequestAsync(Host);
        var get = await Host.Scenario(s => { s.Get.Url($"/requests/{request.Id}"); s.As(Scenarios.StafIt); });
        var etag = get.Context.Response.Headers.ETag.ToString();
        etag.ShouldBe("\"2\"");

        await Host.PostAsync($"/requests/{request.Id}/register", Scenarios.StafIt, 412, ifMatch: "\"1\"");
        await Host.PostAsync($"/requests/{request.Id}/register", Scenarios.StafIt, 200, ifMatch: etag);
    }

    [Fact]
    public async Task another_opds_request_is_404_for_an_opd_user()
    {
        var request = await Scenarios.CompleteRequestAsync(Host);
        await Host.Scenario(s => { s.Get.Url($"/requests/{request.Id}"); s.As(Scenarios.OtherOpd); s.StatusCodeShouldBe(404); });
        await Host.Scenario(s => { s.Get.Url($"/requests/{request.Id}/history"); s.As(Scenarios.OtherOpd); s.StatusCodeShouldBe(404); });
        await Host.PostAsync($"/requests/{request.Id}/withdraw", Scenarios.OtherOpd, 404, new { reason = "not mine" });
        await Scenarios.AttachAsync(Host, request.Id, "other", Scenarios.Pdf, expected: 404, token: Scenarios.OtherOpd);
        await Host.Scenario(s => { s.Get.Url($"/requests/{Guid.NewGuid()}"); s.As(Scenarios.Auditor); s.StatusCodeShouldBe(404); });
    }
}

internal static class JsonGet
{
    public static async Task<T> GetAsJson<T>(this IAlbaHost host, string url, string token)
    {
        var result = await host.Scenario(s => { s.Get.Url(url); s.As(token); s.StatusCodeShouldBeOk(); });
        return (await result.ReadAsJsonAsync<T>())!;
    }
}
