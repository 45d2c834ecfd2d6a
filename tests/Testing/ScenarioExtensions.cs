using Alba;
using Shouldly;

namespace Spbe.Testing;

public static class ScenarioExtensions
{
    /// <summary>Sends the request with a bearer token.</summary>
    public static Scenario As(this Scenario scenario, string token)
    {
        scenario.WithRequestHeader("Authorization", $"Bearer {token}");
        return scenario;
    }

    /// <summary>POST (with an optional JSON body and If-Match) as <paramref name="token"/>, expecting <paramref name="expected"/>.</summary>
    public static Task<IScenarioResult> PostAsync(this IAlbaHost host, string url, string token, int expected, object? body = null, string? ifMatch = null) =>
        host.Scenario(s =>
        {
            if (body is null) s.Post.Url(url); else s.Post.Json(body).ToUrl(url);
            s.As(token);
            if (ifMatch is not null) s.WithRequestHeader("If-Match", ifMatch);
            s.StatusCodeShouldBe(expected);
        });

    /// <summary>The answer is problem details that name <paramref name="field"/>.</summary>
    public static async Task ShouldNameField(this IScenarioResult result, string field)
    {
        result.Context.Response.ContentType.ShouldNotBeNull().ShouldStartWith("application/problem+json");
        (await result.ReadAsTextAsync()).ShouldContain($"\"{field}\"");
    }
}
