using Shouldly;
using Spbe.Contracts;
using Spbe.Testing;
using Xunit;
using Xunit.Abstractions;
using static Spbe.Reporting.Tests.RequestStory;

namespace Spbe.Reporting.Tests;

public sealed class MatrixTests(ReportingFixture fixture, ITestOutputHelper output) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task every_endpoint_answers_every_caller_as_the_authorization_matrix_says()
    {
        var story = new RequestStory().Submitted(Wib(2026, 7, 1, 8, 0)).Registered(Wib(2026, 7, 1, 9, 0));
        await story.DeliverAsync(fixture.Host);
        var result = await MatrixProbe.RunAsync(fixture.Host, ReportingPermissions.Rows,
            path => path.Replace("{id}", path.StartsWith("/ops") ? Guid.NewGuid().ToString() : story.Id.ToString()) switch
            {
                "/sla/compliance" => "/sla/compliance?from=2026-07-01&to=2026-07-31",
                "/reports/monthly" => "/reports/monthly?year=2026&month=7",
                "/reports/monthly/{month}/documents" => "/reports/monthly/2026-07/documents",
                "/reports/monthly/{month}/documents/{kind}" => "/reports/monthly/2026-07/documents/laporan-bulanan",
                var other => other,
            },
            _ => null);
        output.WriteLine($"{result.Cases} cases");
        result.Mismatches.ShouldBeEmpty(string.Join('\n', result.Mismatches));
    }
}
