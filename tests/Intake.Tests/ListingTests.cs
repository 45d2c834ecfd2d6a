using Alba;
using Shouldly;
using Spbe.Contracts;
using Spbe.Intake.ListingRequests;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Spbe.Testing;
using Xunit;

namespace Spbe.Intake.Tests;

public sealed class ListingTests(IntakeFixture fixture) : IClassFixture<IntakeFixture>
{
    private IAlbaHost Host => fixture.Host;

    private async Task<ListPage<RequestListItem>> List(string query, string token)
    {
        var result = await Host.Scenario(s => { s.Get.Url("/requests" + query); s.As(token); s.StatusCodeShouldBeOk(); });
        return (await result.ReadAsJsonAsync<ListPage<RequestListItem>>())!;
    }

    [Fact]
    public async Task lists_filter_and_page_and_an_opd_sees_only_its_own()
    {
        var bappeda = TestTokens.For(Roles.Opd, opd: "BAPPEDA", sub: "clerk-bappeda");
        for (var i = 0; i < 3; i++) await Scenarios.SubmitAsync(Host, form: Scenarios.Form("fix", $"Perbaikan modul {i}"));
        await Scenarios.SubmitAsync(Host, form: Scenarios.Form("hosting", "Hosting portal gizi"));
        await Scenarios.SubmitAsync(Host, bappeda, Scenarios.Form("new-application", "e-Planning baru"));

        var mine = await List("", Scenarios.Opd);
        mine.Total.ShouldBe(4);
        mine.Items.ShouldAllBe(r => r.Opd == "DINKES");
        (await List("?opd=BAPPEDA", Scenarios.Opd)).Items.ShouldAllBe(r => r.Opd == "DINKES"); // asking for another OPD changes nothing

        (await List("", Scenarios.Auditor)).Total.ShouldBe(5);
        (await List("?opd=bappeda", Scenarios.Auditor)).Items.ShouldHaveSingleItem().Title.ShouldBe("e-Planning baru");
        (await List("?category=hosting", Scenarios.Auditor)).Items.ShouldHaveSingleItem().Title.ShouldBe("Hosting portal gizi");
        (await List("?q=MODUL", Scenarios.Auditor)).Total.ShouldBe(3);
        (await List("?status=submitted", Scenarios.Auditor)).Total.ShouldBe(5);
        (await List("?status=registered", Scenarios.Auditor)).Total.ShouldBe(0);

        var today = Wib.Today(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd");
        (await List($"?from={today}&to={today}", Scenarios.Auditor)).Total.ShouldBe(5);
        (await List("?to=2020-01-01", Scenarios.Auditor)).Total.ShouldBe(0);

        var page1 = await List("?pageSize=2&page=1", Scenarios.Auditor);
        var page3 = await List("?pageSize=2&page=3", Scenarios.Auditor);
        page1.Items.Count.ShouldBe(2);
        page3.Items.Count.ShouldBe(1);
        page1.Total.ShouldBe(5);
    }

    [Theory]
    [InlineData("?pageSize=500", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=10737420&pageSize=200", "page")]
    [InlineData("?status=lost", "status")]
    [InlineData("?from=yesterday", "from")]
    public async Task bad_filters_are_400_naming_the_field(string query, string field)
    {
        var result = await Host.Scenario(s => { s.Get.Url("/requests" + query); s.As(Scenarios.Auditor); s.StatusCodeShouldBe(400); });
        await result.ShouldNameField(field);
    }

    [Fact]
    public async Task the_operator_may_not_read_requests()
    {
        await Host.Scenario(s => { s.Get.Url("/requests"); s.As(TestTokens.For(Roles.Operator)); s.StatusCodeShouldBe(403); });
    }
}
