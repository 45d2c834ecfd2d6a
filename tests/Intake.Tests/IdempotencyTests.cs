using System.Net.Http.Headers;
using Alba;
using Marten;
using Shouldly;
using Spbe.Intake.Attachments;
using Spbe.Intake.Submitting;
using Spbe.Testing;
using Xunit;

namespace Spbe.Intake.Tests;

/// <summary>A clerk's submit or upload retried (a timeout, a double click, a flaky line) creates nothing twice.</summary>
public sealed class IdempotencyTests(IntakeFixture fixture) : IClassFixture<IntakeFixture>
{
    private IAlbaHost Host => fixture.Host;

    private Task<IScenarioResult> SubmitAsync(string key, object form, int expected, string? token = null) =>
        Host.Scenario(s =>
        {
            s.Post.Json(form).ToUrl("/requests");
            s.WithRequestHeader("Idempotency-Key", key);
            s.As(token ?? Scenarios.Opd);
            s.StatusCodeShouldBe(expected);
        });

    private async Task<int> CountAsync(string title)
    {
        await using var session = fixture.Store.QuerySession();
        return await session.Query<ServiceRequest>().CountAsync(r => r.Details.Title == title);
    }

    [Fact]
    public async Task a_submit_retried_with_the_same_key_answers_the_first_request_and_creates_no_second()
    {
        var key = Guid.NewGuid().ToString();
        var title = $"Perbaikan SIMPUS {key[..8]}";
        var first = await (await SubmitAsync(key, Scenarios.Form(title: title), 201)).ReadAsJsonAsync<SubmitResponse>();
        var again = await SubmitAsync(key, Scenarios.Form(title: title), 201);
        (await again.ReadAsJsonAsync<SubmitResponse>()).ShouldBe(first);
        again.Context.Response.Headers.Location.ToString().ShouldBe($"/requests/{first!.Id}");
        (await CountAsync(title)).ShouldBe(1);

        // The same key for another form is a mistake of the caller: refused, nothing created.
        var other = await SubmitAsync(key, Scenarios.Form(title: title + " lain"), 409);
        (await other.ReadAsTextAsync()).ShouldContain("different body");
        (await CountAsync(title + " lain")).ShouldBe(0);

        // Keys are the caller's own: another clerk's same key is a new submission.
        await SubmitAsync(key, Scenarios.Form(title: title), 201, TestTokens.For(Contracts.Roles.Opd, opd: "DINKES", sub: "clerk-dinkes-2"));
        (await CountAsync(title)).ShouldBe(2);
    }

    [Fact]
    public async Task the_same_submit_sent_five_times_at_once_creates_one_request()
    {
        var key = Guid.NewGuid().ToString();
        var title = $"Perbaikan SIMPUS {key[..8]}";
        HttpRequestMessage Submit()
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "/requests") { Content = System.Net.Http.Json.JsonContent.Create(Scenarios.Form(title: title)) };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Scenarios.Opd);
            message.Headers.Add("Idempotency-Key", key);
            return message;
        }
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Host.Server.CreateClient().SendAsync(Submit())));
        // Each answer is the request (201) or, for a retry that raced the first one's commit, a 409 saying to send again.
        answers.Select(a => (int)a.StatusCode).ShouldAllBe(s => s == 201 || s == 409);
        answers.Count(a => (int)a.StatusCode == 201).ShouldBeGreaterThanOrEqualTo(1);
        (await CountAsync(title)).ShouldBe(1);
        var ids = await Task.WhenAll(answers.Where(a => (int)a.StatusCode == 201).Select(async a => (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<SubmitResponse>(a.Content, Spbe.ServiceDefaults.Json.Options))!.Id));
        ids.Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task an_upload_retried_with_the_same_key_attaches_the_file_once()
    {
        var request = await Scenarios.SubmitAsync(Host);
        var key = Guid.NewGuid().ToString();
        async Task<IScenarioResult> Upload(byte[] content, int expected) => await Host.Scenario(s =>
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "nota.pdf");
            form.Add(new StringContent("request-memo"), "kind");
            s.Post.MultipartFormData(form).ToUrl($"/requests/{request.Id}/attachments");
            s.WithRequestHeader("Idempotency-Key", key);
            s.As(Scenarios.Opd);
            s.StatusCodeShouldBe(expected);
        });
        var first = await (await Upload(Scenarios.Pdf, 201)).ReadAsJsonAsync<AttachmentResponse>();
        (await (await Upload(Scenarios.Pdf, 201)).ReadAsJsonAsync<AttachmentResponse>()).ShouldBe(first);
        await Upload([.. Scenarios.Pdf, .. "% lain\n"u8.ToArray()], 409);
        (await Scenarios.GetAsync(Host, request.Id)).Attachments.ShouldHaveSingleItem().AttachmentId.ShouldBe(first!.AttachmentId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("kunci dengan spasi")]
    public async Task a_malformed_key_is_a_400_naming_the_header(string key)
    {
        var result = await SubmitAsync(key, Scenarios.Form(), 400);
        await result.ShouldNameField("Idempotency-Key");
    }
}
