using Shouldly;
using Spbe.Contracts;
using Spbe.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Spbe.Assignment.Tests;

public sealed class MatrixTests(AssignmentFixture fixture, ITestOutputHelper output) : IClassFixture<AssignmentFixture>
{
    [Fact]
    public async Task every_endpoint_answers_every_caller_as_the_authorization_matrix_says()
    {
        var id = await Scenarios.OpenCaseAsync(fixture.Host);
        // The documents are probed on a case with its Surat Tugas issued.
        var issued = await Scenarios.OpenCaseAsync(fixture.Host);
        await fixture.Host.PostAsync($"/analyses/{issued}/result", Scenarios.Kasi, 204, Scenarios.Analysis);
        await fixture.Host.PostAsync($"/analyses/{issued}/team", Scenarios.Kasi, 200, Scenarios.Team());
        var analysis = System.Text.Json.JsonSerializer.Serialize(Scenarios.Analysis);
        var team = System.Text.Json.JsonSerializer.Serialize(Scenarios.Team());
        var result = await MatrixProbe.RunAsync(fixture.Host, AssignmentPermissions.Rows,
            path => path.StartsWith("/analyses/{id}/documents")
                ? path.Replace("{id}", issued.ToString()).Replace("{kind}", "surat-tugas")
                : path.Replace("{id}", path.StartsWith("/ops") ? Guid.NewGuid().ToString() : id.ToString()),
            p => p.Path switch
            {
                "/analyses/{id}/result" => MatrixProbe.Json(analysis),
                "/analyses/{id}/reject" => MatrixProbe.Json("{\"reason\":\"x\"}"),
                "/analyses/{id}/team" => MatrixProbe.Json(team),
                _ => null,
            });
        output.WriteLine($"{result.Cases} cases");
        result.Mismatches.ShouldBeEmpty(string.Join('\n', result.Mismatches));
    }
}
