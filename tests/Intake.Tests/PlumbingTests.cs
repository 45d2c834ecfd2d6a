using Alba;
using JasperFx.Events;
using Marten;
using Shouldly;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Testing;
using Xunit;

namespace Spbe.Intake.Tests;

/// <summary>A stand-in event for proving the event store's plumbing.</summary>
public sealed record PlumbingChecked(Guid Id, string Note);

public sealed class EventMetadataTests(IntakeFixture fixture) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task an_event_appended_with_a_user_reads_back_with_user_correlation_causation_and_headers()
    {
        var id = Guid.NewGuid();
        await using (var session = fixture.Store.LightweightSession())
        {
            session.LastModifiedBy = "kasi-01";
            session.CorrelationId = "corr-123";
            session.CausationId = "cause-456";
            session.SetHeader("role", Roles.KasiAplikasi);
            session.Events.StartStream(id, new PlumbingChecked(id, "first"));
            await session.SaveChangesAsync();
        }

        await using var query = fixture.Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(id);
        var e = events.ShouldHaveSingleItem();
        e.Data.ShouldBeOfType<PlumbingChecked>().Note.ShouldBe("first");
        e.UserName.ShouldBe("kasi-01");
        e.CorrelationId.ShouldBe("corr-123");
        e.CausationId.ShouldBe("cause-456");
        e.GetHeader("role")!.ToString().ShouldBe(Roles.KasiAplikasi);
    }
}

public sealed class AuthenticationTests(IntakeFixture fixture) : IClassFixture<IntakeFixture>
{
    private Task<IScenarioResult> GetMessagingHealth(string? token, int expected) => fixture.Host.Scenario(s =>
    {
        s.Get.Url("/ops/messaging");
        if (token is not null) s.As(token);
        s.StatusCodeShouldBe(expected);
    });

    [Fact]
    public async Task no_token_is_401() => await GetMessagingHealth(null, 401);

    [Fact]
    public async Task a_role_that_may_not_is_403_with_problem_details()
    {
        var result = await GetMessagingHealth(TestTokens.For(Roles.Opd), 403);
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
    }

    [Fact]
    public async Task the_operator_sees_the_messaging_health_of_the_service()
    {
        var result = await GetMessagingHealth(TestTokens.For(Roles.Operator), 200);
        var health = await result.ReadAsJsonAsync<OpsEndpoints.MessagingHealth>();
        health!.Service.ShouldBe(Topology.Intake);
        health.DeadLetters.ShouldBe(0);
    }

    [Fact]
    public async Task an_expired_token_is_401()
    {
        var expired = BadTokens.Expired(Roles.Operator);
        await GetMessagingHealth(expired, 401);
    }

    [Fact]
    public async Task a_token_signed_by_another_key_is_401()
    {
        var foreign = BadTokens.OfAnotherKey(Roles.Operator);
        await GetMessagingHealth(foreign, 401);
    }
}
