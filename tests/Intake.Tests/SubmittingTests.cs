using Alba;
using Marten;
using Shouldly;
using Spbe.Contracts;
using Spbe.Intake.Submitting;
using Spbe.Testing;
using Wolverine.Tracking;
using Xunit;

namespace Spbe.Intake.Tests;

public sealed class SubmittingTests(IntakeFixture fixture) : IClassFixture<IntakeFixture>
{
    private IAlbaHost Host => fixture.Host;

    [Fact]
    public async Task an_opd_submits_and_gets_an_id_a_tracking_code_and_status_submitted_but_no_number()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.Form()).ToUrl("/requests");
            s.As(Scenarios.Opd);
            s.StatusCodeShouldBe(201);
        });
        var body = (await result.ReadAsJsonAsync<SubmitResponse>())!;
        TrackingCode.IsValid(body.TrackingCode).ShouldBeTrue();
        body.Status.ShouldBe(RequestStatus.Submitted);
        result.Context.Response.Headers.Location.ToString().ShouldBe($"/requests/{body.Id}");
        var text = await result.ReadAsTextAsync();
        text.ShouldContain("\"status\":\"submitted\"");
        text.ShouldContain($"\"trackingCode\":\"{body.TrackingCode}\"");
        text.ShouldNotContain("\"number\""); // the register number comes with registration

        var view = await Scenarios.GetAsync(Host, body.Id, Scenarios.Opd);
        view.Opd.ShouldBe("DINKES"); // from the token
        view.Title.ShouldBe("Perbaikan SIMPUS");
        view.TrackingCode.ShouldBe(body.TrackingCode);
        view.Number.ShouldBeNull();
    }

    [Fact]
    public async Task the_opd_comes_from_the_token_not_the_body()
    {
        var form = new Dictionary<string, object?>((IDictionary<string, object?>)System.Text.Json.JsonSerializer
            .Deserialize<Dictionary<string, object?>>(System.Text.Json.JsonSerializer.Serialize(Scenarios.Form()))!) { ["opd"] = "BAPPEDA" };
        var submitted = await Scenarios.SubmitAsync(Host, Scenarios.Opd, form);
        (await Scenarios.GetAsync(Host, submitted.Id)).Opd.ShouldBe("DINKES");
    }

    [Fact]
    public async Task concurrent_submissions_get_distinct_tracking_codes_and_take_no_number()
    {
        var submitted = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Scenarios.SubmitAsync(Host)));
        submitted.Select(s => s.TrackingCode).Distinct().Count().ShouldBe(12);
        submitted.ShouldAllBe(s => TrackingCode.IsValid(s.TrackingCode));
        foreach (var s in submitted) (await Scenarios.GetAsync(Host, s.Id)).Number.ShouldBeNull();
    }

    [Fact]
    public async Task submitting_publishes_request_submitted()
    {
        var tracked = await Host.ExecuteAndWaitAsync(async () => await Scenarios.SubmitAsync(Host));
        var message = tracked.Sent.MessagesOf<RequestSubmitted>().Distinct().ShouldHaveSingleItem();
        message.OpdCode.ShouldBe("DINKES");
        message.RequestNumber.ShouldBeNull();
        TrackingCode.IsValid(message.TrackingCode).ShouldBeTrue();
        message.Round.ShouldBe(1);
        message.Actor.UserId.ShouldBe("clerk-dinkes");
    }

    [Fact]
    public async Task only_an_opd_user_may_submit()
    {
        await Host.Scenario(s => { s.Post.Json(Scenarios.Form()).ToUrl("/requests"); s.As(Scenarios.StafIt); s.StatusCodeShouldBe(403); });
        await Host.Scenario(s => { s.Post.Json(Scenarios.Form()).ToUrl("/requests"); s.StatusCodeShouldBe(401); });
    }

    [Theory]
    [InlineData("title", "")]
    [InlineData("title", "Perbaikan \u202Efdp.exe")]          // right-to-left override: shows as "exe.pdf"
    [InlineData("title", "Perbaikan\u200B laporan")]          // zero-width space
    [InlineData("requestMemo.signedBy.name", "dr. Siti\u2066 Aminah")] // bidirectional isolate
    [InlineData("category", "wishlist")]
    [InlineData("desiredDate", "2020-01-01")]
    [InlineData("desiredDate", "tomorrow")]
    [InlineData("requestMemo.signedBy.nip", "12345")]
    [InlineData("requestMemo.signedBy.nip", "198513122010011001")]
    [InlineData("contact.email", "not-an-email")]
    public async Task bad_input_is_a_400_naming_the_field_and_writes_nothing(string field, string value)
    {
        var form = Scenarios.Form() switch { var f => System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(f))! };
        var path = field.Split('.');
        var node = form;
        foreach (var part in path[..^1]) node = node[part]!;
        node[path[^1]] = value;

        var before = await CountStreams();
        var result = await Host.Scenario(s =>
        {
            s.Post.Text(form.ToJsonString()).ToUrl("/requests");
            s.WithRequestHeader("Content-Type", "application/json");
            s.As(Scenarios.Opd);
            s.StatusCodeShouldBe(400);
        });
        await result.ShouldNameField(field);
        (await CountStreams()).ShouldBe(before);
    }

    [Fact]
    public async Task an_over_long_title_is_refused()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.Form(title: new string('x', 201))).ToUrl("/requests");
            s.As(Scenarios.Opd);
            s.StatusCodeShouldBe(400);
        });
        await result.ShouldNameField("title");
    }

    [Fact]
    public async Task invalid_json_is_a_400_problem()
    {
        var before = await CountStreams();
        var result = await Host.Scenario(s =>
        {
            s.Post.Text("{\"title\": ").ToUrl("/requests");
            s.WithRequestHeader("Content-Type", "application/json");
            s.As(Scenarios.Opd);
            s.StatusCodeShouldBe(400);
        });
        result.Context.Response.ContentType!.ShouldStartWith("application/problem+json");
        (await CountStreams()).ShouldBe(before);
    }

    [Fact]
    public async Task missing_fields_are_all_named()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new { title = "only a title" }).ToUrl("/requests");
            s.As(Scenarios.Opd);
            s.StatusCodeShouldBe(400);
        });
        var body = await result.ReadAsTextAsync();
        foreach (var field in new[] { "category", "applicationName", "description", "requestMemo", "contact" })
            body.ShouldContain($"\"{field}\"");
    }

    private async Task<int> CountStreams()
    {
        await using var session = fixture.Store.QuerySession();
        return await session.Query<ServiceRequest>().CountAsync();
    }
}
