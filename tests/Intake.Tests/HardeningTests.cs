using Alba;
using Shouldly;
using Spbe.Contracts;
using Spbe.Testing;
using Xunit;

namespace Spbe.Intake.Tests;

/// <summary>Intake with a small command limit, to see it act.</summary>
public sealed class LimitedIntakeFixture() : ServiceFixture<Program>("limited")
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Limits:CommandsPerWindow"] = "3",
        ["Limits:Window"] = "00:01:00",
        ["Limits:MaxBodyBytes"] = "4096",
    };
}

public sealed class HardeningTests(LimitedIntakeFixture fixture) : IClassFixture<LimitedIntakeFixture>
{
    private IAlbaHost Host => fixture.Host;

    [Fact]
    public async Task commands_are_limited_per_user_with_429_and_retry_after()
    {
        var clerk = TestTokens.For(Roles.Opd, opd: "DINKES", sub: "busy-clerk");
        for (var i = 0; i < 3; i++) await Scenarios.SubmitAsync(Host, clerk);
        var limited = await Host.Scenario(s => { s.Post.Json(Scenarios.Form()).ToUrl("/requests"); s.As(clerk); s.StatusCodeShouldBe(429); });
        int.Parse(limited.Context.Response.Headers.RetryAfter.ToString()).ShouldBeGreaterThan(0);
        limited.Context.Response.ContentType!.ShouldStartWith("application/problem+json");

        // Another user is not affected, and reads are not limited.
        await Scenarios.SubmitAsync(Host, TestTokens.For(Roles.Opd, opd: "DINKES", sub: "other-clerk"));
        await Host.Scenario(s => { s.Get.Url("/requests"); s.As(clerk); s.StatusCodeShouldBeOk(); });
    }

    [Fact]
    public async Task a_body_over_the_limit_is_413_with_problem_details()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.Form(title: new string('x', 10_000))).ToUrl("/requests");
            s.As(TestTokens.For(Roles.Opd, opd: "DINKES", sub: "big-clerk"));
            s.StatusCodeShouldBe(413);
        });
        result.Context.Response.ContentType!.ShouldStartWith("application/problem+json");
    }

    /// <summary>One limit whatever the content type, and a form or upload only where one is expected: refused before a byte is read.</summary>
    [Theory]
    [InlineData("multipart/form-data; boundary=spbe", 2 * 1024 * 1024, 415)]
    [InlineData("application/x-www-form-urlencoded", 2 * 1024 * 1024, 415)]
    [InlineData("multipart/form-data; boundary=spbe", 100, 415)]
    [InlineData("text/plain", 10_000, 413)]
    [InlineData("application/octet-stream", 10_000, 413)]
    [InlineData("application/json", 10_000, 413)]
    public async Task a_body_is_refused_unread_when_over_the_limit_or_a_form_where_none_is_taken(string contentType, int length, int expected)
    {
        var body = new CountingStream(length);
        var result = await Host.Scenario(s =>
        {
            s.Post.Url("/requests");
            s.ConfigureHttpContext(http =>
            {
                http.Request.ContentType = contentType;
                http.Request.ContentLength = length;
                http.Request.Body = body;
            });
            s.As(TestTokens.For(Roles.Opd, opd: "DINKES", sub: $"form-clerk-{expected}-{length}"));
            s.StatusCodeShouldBe(expected);
        });
        body.BytesRead.ShouldBe(0);
        result.Context.Response.ContentType!.ShouldStartWith("application/problem+json");
    }

    [Theory]
    [InlineData("/health", null)]
    [InlineData("/requests", Roles.Auditor)]
    [InlineData("/requests/not-a-guid", Roles.Auditor)]
    [InlineData("/requests", null)]
    public async Task every_response_carries_the_security_headers(string url, string? role)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(url);
            if (role is not null) s.As(TestTokens.For(role));
            s.IgnoreStatusCode();
        });
        var headers = result.Context.Response.Headers;
        headers.XContentTypeOptions.ToString().ShouldBe("nosniff");
        headers.XFrameOptions.ToString().ShouldBe("DENY");
        headers["Referrer-Policy"].ToString().ShouldBe("no-referrer");
        headers.ContentSecurityPolicy.ToString().ShouldContain("default-src 'none'");
        headers.CacheControl.ToString().ShouldContain("no-store");
    }
}

public sealed class CommandWindowTests
{
    private sealed class ManualClock : TimeProvider
    {
        public long Now { get; set; } = 1_000_000;
        public override long TimestampFrequency => 1000;
        public override long GetTimestamp() => Now;
    }

    [Fact]
    public void a_user_over_the_limit_waits_for_the_end_of_the_window_and_ended_windows_are_forgotten()
    {
        var clock = new ManualClock();
        var windows = new Spbe.ServiceDefaults.CommandWindows(new Spbe.ServiceDefaults.LimitSettings { CommandsPerWindow = 2, Window = TimeSpan.FromSeconds(60) }, clock);
        windows.TryTake("siti", out _).ShouldBeTrue();
        clock.Now += 20_000;
        windows.TryTake("siti", out _).ShouldBeTrue();
        windows.TryTake("siti", out var retryAfter).ShouldBeFalse();
        retryAfter.ShouldBe(TimeSpan.FromSeconds(40));
        windows.TryTake("rudi", out _).ShouldBeTrue();

        // The window began with Siti's first command: 60 s later she may send again.
        clock.Now += 40_000;
        windows.TryTake("siti", out _).ShouldBeTrue();
        windows.Users.ShouldBe(2);

        // Once both windows have ended, the next command forgets them.
        clock.Now += 65_000;
        windows.TryTake("dewi", out _).ShouldBeTrue();
        windows.Users.ShouldBe(1);
    }
}
