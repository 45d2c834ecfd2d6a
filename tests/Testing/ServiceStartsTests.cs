using System.Text.Json.Nodes;
using Alba;
using Shouldly;
using Spbe.Sop;
using Xunit;

namespace Spbe.Testing;

/// <summary>What every service shows once started: health with PostgreSQL, its OpenAPI document, its own schemas. Each test project runs it for its service.</summary>
public abstract class ServiceStartsTests<TProgram>(ServiceFixture<TProgram> fixture, IReadOnlyList<Permission> rows) where TProgram : class
{
    private string Service => rows[0].Service;

    [Fact]
    public async Task health_reports_healthy_with_postgresql_checked_and_its_details_only_to_an_operator()
    {
        var anonymous = await (await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/health");
            s.StatusCodeShouldBeOk();
        })).ReadAsTextAsync();
        anonymous.ShouldBe("{\"status\":\"Healthy\"}");
        var body = await (await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/health");
            s.As(TestTokens.For(Spbe.Contracts.Roles.Operator));
            s.StatusCodeShouldBeOk();
        })).ReadAsTextAsync();
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
        var document = JsonNode.Parse(await result.ReadAsTextAsync())!;
        document["openapi"]!.GetValue<string>().ShouldStartWith("3.");
        var paths = document["paths"]!.AsObject();
        // Every endpoint of the service's matrix is documented, under its method.
        foreach (var row in rows)
            paths[row.Path]?[row.Method.ToLowerInvariant()].ShouldNotBeNull($"{row.Method} {row.Path} is not in the OpenAPI document");
    }

    /// <summary>
    /// The committed document (docs/openapi/{service}.json) is the contract: a change to what the service
    /// serves fails here until the file is regenerated (SPBE_UPDATE_OPENAPI=1) and shows in review.
    /// </summary>
    [Fact]
    public async Task served_openapi_document_is_the_committed_contract()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/openapi/v1.json");
            s.StatusCodeShouldBeOk();
        });
        var served = OpenApiContract.Normalize(await result.ReadAsTextAsync());
        var path = OpenApiContract.DocumentPath(Service);
        if (Environment.GetEnvironmentVariable("SPBE_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, served);
        }
        File.Exists(path).ShouldBeTrue($"{path} is missing; run the tests once with SPBE_UPDATE_OPENAPI=1 and commit it.");
        var committed = await File.ReadAllTextAsync(path);
        served.ShouldBe(committed, $"{Service} serves a different OpenAPI document than {path}; if the change is meant, run the tests with SPBE_UPDATE_OPENAPI=1 and commit the file.");
    }

    /// <summary>The generated clients name their methods by operationId, and readers of the contract read descriptions.</summary>
    [Fact]
    public async Task every_operation_has_a_chosen_name_and_no_generated_type_name_in_its_description()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/openapi/v1.json");
            s.StatusCodeShouldBeOk();
        });
        var paths = System.Text.Json.Nodes.JsonNode.Parse(await result.ReadAsTextAsync())!["paths"]!.AsObject();
        var operations = paths.SelectMany(p => p.Value!.AsObject().Select(o => (Where: $"{o.Key.ToUpperInvariant()} {p.Key}", Operation: o.Value!))).ToList();
        operations.ShouldNotBeEmpty();
        foreach (var (where, operation) in operations)
        {
            operation["operationId"]?.GetValue<string>().ShouldMatch("^[a-z][A-Za-z0-9]*$", $"{where}: its operationId (set OperationId on the endpoint)");
            (operation["description"]?.GetValue<string>() ?? "").ShouldNotMatch("(GET|POST|PUT|PATCH|DELETE)_", $"{where}: its description");
        }
    }

    [Fact]
    public void the_readme_documents_exactly_the_matrix_rows_the_service_applies()
    {
        ReadmeMatrix.HasHeader().ShouldBeTrue("The README's authorization table header differs from Matrix.MarkdownHeader().");
        var (documented, applied) = ReadmeMatrix.Lines(rows);
        documented.ShouldBe(applied, $"The README's rows for {Service} differ from the matrix; they should read:\n{string.Join('\n', applied)}");
    }

    [Fact]
    public async Task its_own_schemas_are_created_on_start()
    {
        string[] expected = [Service, Service + "_messages", "spbe_queues"];
        await using var session = fixture.Store.QuerySession();
        var schemas = await session.QueryAsync<string>(
            "select schema_name from information_schema.schemata where schema_name = any(?)", new[] { expected });
        schemas.OrderBy(x => x).ShouldBe(expected.OrderBy(x => x));
    }
}
