using Shouldly;
using Spbe.Testing;
using Xunit;

namespace Spbe.Intake.Tests;

/// <summary>The contract check the system tests run finds what departs from the committed document (docs/openapi/intake.json).</summary>
public sealed class ContractCheckerTests
{
    private static readonly OpenApiChecker Checker = OpenApiChecker.ForCommitted("intake");
    private const string Valid = """
        {"title":"Perbaikan laporan SIMPUS","category":"fix","applicationName":"SIMPUS","description":"Laporan bulanan gagal dicetak",
         "requestMemo":{"number":"005/1/DINKES/2026","date":"2026-01-05","signedBy":{"name":"dr. Andi","nip":"197806152005012001"}},
         "contact":{"name":"Siti","phone":"0812","email":"siti@dinkes.go.id"}}
        """;

    [Fact]
    public void a_submission_as_documented_conforms()
    {
        Checker.CheckRequest("POST", "/requests", "application/json", Valid, [], []).ShouldBeEmpty();
        Checker.CheckResponse("POST", "/requests", 201, "application/json",
            """{"id":"0b8f5a3e-7d7c-4a36-9a53-0c1f3f7d9e11","trackingCode":"K7M2Q9XP","status":"submitted"}""").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("\"category\":\"fix\"", "\"category\":\"perbaikan\"", "category")]
    [InlineData("\"title\":\"Perbaikan laporan SIMPUS\",", "", "title")]
    [InlineData("\"date\":\"2026-01-05\"", "\"date\":\"5 Januari 2026\"", "date")]
    [InlineData("\"nip\":\"197806152005012001\"", "\"nip\":\"1978\"", "nip")]
    public void a_request_body_the_document_refuses_is_found(string from, string to, string field)
    {
        var problems = Checker.CheckRequest("POST", "/requests", "application/json", Valid.Replace(from, to), [], []);
        problems.ShouldHaveSingleItem().ShouldContain(field);
    }

    [Fact]
    public void a_body_where_the_document_takes_none_an_undocumented_status_and_a_missing_property_are_found()
    {
        Checker.CheckRequest("POST", "/requests/0b8f5a3e-7d7c-4a36-9a53-0c1f3f7d9e11/register", "application/json", "{}", [], []).ShouldHaveSingleItem().ShouldContain("takes none");
        Checker.CheckResponse("POST", "/requests", 200, "application/json", "{}").ShouldHaveSingleItem().ShouldContain("answered 200");
        Checker.CheckResponse("POST", "/requests", 201, "application/json", """{"id":"0b8f5a3e-7d7c-4a36-9a53-0c1f3f7d9e11","status":"submitted"}""")
            .ShouldHaveSingleItem().ShouldContain("trackingCode");
        Checker.CheckResponse("POST", "/requests", 412, "application/problem+json", """{"title":"x","status":412}""").ShouldHaveSingleItem();
        Checker.CheckRequest("GET", "/requests", null, null, ["sort"], []).ShouldHaveSingleItem().ShouldContain("sort");
        Checker.CheckRequest("DELETE", "/requests/0b8f5a3e-7d7c-4a36-9a53-0c1f3f7d9e11", null, null, [], []).ShouldHaveSingleItem().ShouldContain("no such operation");
    }

    [Fact]
    public void an_upload_needs_its_file_and_kind()
    {
        Checker.CheckRequest("POST", "/requests/0b8f5a3e-7d7c-4a36-9a53-0c1f3f7d9e11/attachments", "multipart/form-data", null, [], ["file", "kind"]).ShouldBeEmpty();
        Checker.CheckRequest("POST", "/requests/0b8f5a3e-7d7c-4a36-9a53-0c1f3f7d9e11/attachments", "multipart/form-data", null, [], ["file"]).ShouldHaveSingleItem().ShouldContain("kind");
    }
}
