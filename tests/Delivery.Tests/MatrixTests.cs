using Shouldly;
using Spbe.Contracts;
using Spbe.Testing;
using Wolverine.Tracking;
using Xunit;
using Xunit.Abstractions;

namespace Spbe.Delivery.Tests;

public sealed class MatrixTests(DeliveryFixture fixture, ITestOutputHelper output) : IClassFixture<DeliveryFixture>
{
    [Fact]
    public async Task every_endpoint_answers_every_caller_as_the_authorization_matrix_says()
    {
        var assigned = Scenarios.Assigned(members:
            [new TeamMember(MatrixProbe.MemberNip, "Budi", Roles.Programmer), new TeamMember(MatrixProbe.SecurityNip, "Rina", Roles.AppSecurity)],
            lead: MatrixProbe.MemberNip);
        await fixture.Host.InvokeMessageAndWaitAsync(assigned);
        // The documents are probed on a completed work order of the same team and OPD.
        var completed = await Scenarios.ToAsync(fixture.Host, WorkOrderStatus.Completed);
        var handover = System.Text.Json.JsonSerializer.Serialize(Scenarios.Handover);
        var result = await MatrixProbe.RunAsync(fixture.Host, DeliveryPermissions.Rows,
            path => path.StartsWith("/work-orders/{id}/documents")
                ? path.Replace("{id}", completed.ToString()).Replace("{kind}", "berita-acara-serah-terima")
                : path.Replace("{id}", path.StartsWith("/ops") ? Guid.NewGuid().ToString() : assigned.RequestId.ToString()),
            p => p.Path switch
            {
                "/work-orders/{id}/progress" => MatrixProbe.Json("{\"note\":\"x\",\"percent\":10}"),
                "/work-orders/{id}/report" => MatrixProbe.Json("{\"summary\":\"x\",\"changes\":\"y\"}"),
                "/work-orders/{id}/internal-check" => MatrixProbe.Json("{\"result\":\"passed\",\"findings\":[]}"),
                "/work-orders/{id}/owner-check" => MatrixProbe.Json("{\"result\":\"accepted\",\"findings\":[]}"),
                "/work-orders/{id}/handover" => MatrixProbe.Json(handover),
                _ => null,
            });
        output.WriteLine($"{result.Cases} cases");
        result.Mismatches.ShouldBeEmpty(string.Join('\n', result.Mismatches));
    }
}
