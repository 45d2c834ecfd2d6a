using Alba;
using Shouldly;
using Spbe.Contracts;
using Spbe.Testing;
using Xunit;

namespace Spbe.Delivery.Tests;

public sealed class ServiceStartsTests(DeliveryFixture fixture) : IClassFixture<DeliveryFixture>
{
    [Fact]
    public async Task health_reports_healthy_with_postgresql_checked()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/health");
            s.StatusCodeShouldBeOk();
        });
        var body = await result.ReadAsTextAsync();
        body.ShouldContain("\"postgresql\"");
        body.ShouldContain("Healthy");
    }

    [Fact]
    public async Task openapi_document_is_served()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/openapi/v1.json");
            s.StatusCodeShouldBeOk();
        });
        (await result.ReadAsTextAsync()).ShouldContain("\"openapi\"");
    }

    [Fact]
    public async Task its_own_schemas_are_created_on_start()
    {
        await using var session = fixture.Store.QuerySession();
        var schemas = await session.QueryAsync<string>(
            "select schema_name from information_schema.schemata where schema_name = any(?)",
            new[] { new[] { Topology.Delivery, Topology.Delivery + "_messages", "spbe_queues" } });
        schemas.OrderBy(x => x).ShouldBe(new[] { Topology.Delivery, Topology.Delivery + "_messages", "spbe_queues" }.OrderBy(x => x));
    }
}
