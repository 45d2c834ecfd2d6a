using Alba;
using Marten;
using Shouldly;
using Spbe.Contracts;
using Spbe.Testing;
using Xunit;

namespace Spbe.Delivery.Tests;

public sealed class DeliveryRuleTests(DeliveryFixture fixture) : IClassFixture<DeliveryFixture>
{
    private IAlbaHost Host => fixture.Host;

    [Fact]
    public async Task only_the_executors_named_in_the_surat_tugas_start_report_and_note_progress()
    {
        var id = await Scenarios.OpenAsync(Host);
        // Separation of duties: the team's app-security member checks the work, so does not carry it out, even with an
        // executor's role in the token as well.
        await Host.PostAsync($"/work-orders/{id}/start", Scenarios.Security, 403);
        await Host.PostAsync($"/work-orders/{id}/start", TestTokens.For("sec-1", "Rina", [Roles.AppSecurity, Roles.Programmer], nip: Scenarios.SecurityNip), 403);
        await Host.PostAsync($"/work-orders/{id}/start", Scenarios.OtherProgrammer, 403);
        await Host.PostAsync($"/work-orders/{id}/start", Scenarios.Kasi, 403);
        await Host.PostAsync($"/work-orders/{id}/start", Scenarios.Owner, 403);
        await Host.PostAsync($"/work-orders/{id}/start", TestTokens.For(Roles.Programmer), 403); // no NIP in the token
        await Host.PostAsync($"/work-orders/{id}/start", Scenarios.Programmer, 204);
        await Host.PostAsync($"/work-orders/{id}/report", Scenarios.OtherProgrammer, 403, Scenarios.Report);
        await Host.PostAsync($"/work-orders/{id}/progress", Scenarios.OtherProgrammer, 403, new { note = "x", percent = 5 });
        await Host.PostAsync($"/work-orders/{id}/progress", Scenarios.Security, 403, new { note = "x", percent = 5 });
        await Host.PostAsync($"/work-orders/{id}/report", Scenarios.Security, 403, Scenarios.Report);
    }

    [Fact]
    public async Task only_the_teams_app_security_member_records_the_internal_check()
    {
        var id = await Scenarios.ToAsync(Host, WorkOrderStatus.InternalCheck);
        await Host.PostAsync($"/work-orders/{id}/internal-check", Scenarios.OtherSecurity, 403, Scenarios.Passed);
        await Host.PostAsync($"/work-orders/{id}/internal-check", Scenarios.Programmer, 403, Scenarios.Passed);
        await Host.PostAsync($"/work-orders/{id}/internal-check", Scenarios.Kasi, 403, Scenarios.Passed);
        await Host.PostAsync($"/work-orders/{id}/internal-check", Scenarios.Security, 200, Scenarios.Passed);
    }

    [Fact]
    public async Task only_the_requesting_opd_records_the_owner_check_and_another_opd_gets_404()
    {
        var id = await Scenarios.ToAsync(Host, WorkOrderStatus.OwnerCheck);
        await Host.PostAsync($"/work-orders/{id}/owner-check", Scenarios.OtherOpd, 404, Scenarios.Accepted);
        await Host.PostAsync($"/work-orders/{id}/owner-check", Scenarios.Kasi, 403, Scenarios.Accepted);
        await Host.Scenario(s => { s.Get.Url($"/work-orders/{id}"); s.As(Scenarios.OtherOpd); s.StatusCodeShouldBe(404); });
        await Host.PostAsync($"/work-orders/{id}/owner-check", Scenarios.Owner, 200, Scenarios.Accepted);
    }

    [Fact]
    public async Task only_the_kasi_records_the_handover()
    {
        var id = await Scenarios.ToAsync(Host, WorkOrderStatus.Handover);
        await Host.PostAsync($"/work-orders/{id}/handover", Scenarios.Owner, 403, Scenarios.Handover);
        await Host.PostAsync($"/work-orders/{id}/handover", Scenarios.Programmer, 403, Scenarios.Handover);
        await Host.PostAsync($"/work-orders/{id}/handover", Scenarios.Kasi, 200, Scenarios.Handover);
    }

    [Fact]
    public async Task steps_out_of_order_are_409_with_the_reason()
    {
        var id = await Scenarios.OpenAsync(Host);
        (await (await Host.PostAsync($"/work-orders/{id}/report", Scenarios.Programmer, 409, Scenarios.Report)).ReadAsTextAsync())
            .ShouldContain("not been started");
        await Host.PostAsync($"/work-orders/{id}/internal-check", Scenarios.Security, 409, Scenarios.Passed);
        await Host.PostAsync($"/work-orders/{id}/owner-check", Scenarios.Owner, 409, Scenarios.Accepted);
        (await (await Host.PostAsync($"/work-orders/{id}/handover", Scenarios.Kasi, 409, Scenarios.Handover)).ReadAsTextAsync())
            .ShouldContain("owner accepted");

        await Host.PostAsync($"/work-orders/{id}/start", Scenarios.Programmer, 204);
        await Host.PostAsync($"/work-orders/{id}/start", Scenarios.Programmer, 409);
        await Host.PostAsync($"/work-orders/{id}/report", Scenarios.Programmer, 204, Scenarios.Report);
        (await (await Host.PostAsync($"/work-orders/{id}/owner-check", Scenarios.Owner, 409, Scenarios.Accepted)).ReadAsTextAsync())
            .ShouldContain("internal check passed");
        await Host.PostAsync($"/work-orders/{id}/progress", Scenarios.Programmer, 409, new { note = "late", percent = 100 });
    }

    [Fact]
    public async Task concurrent_internal_checks_exactly_one_wins_and_takes_one_berita_acara_number()
    {
        var id = await Scenarios.ToAsync(Host, WorkOrderStatus.InternalCheck);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Host.Scenario(s =>
        {
            s.Post.Json(i % 2 == 0 ? Scenarios.Passed : Scenarios.Failed).ToUrl($"/work-orders/{id}/internal-check");
            s.As(Scenarios.Security);
            s.IgnoreStatusCode();
        })));
        var codes = results.Select(r => r.Context.Response.StatusCode).ToList();
        codes.Count(c => c == 200).ShouldBe(1);
        codes.Where(c => c != 200).ShouldAllBe(c => c == 409);

        await using var session = fixture.Store.QuerySession();
        (await session.Events.FetchStreamAsync(id)).Count(e => e.Data is InternalCheckRecorded).ShouldBe(1);
    }

    [Theory]
    [InlineData("{\"result\":\"maybe\"}", "result")]
    [InlineData("{\"result\":\"failed\",\"findings\":[]}", "findings")]
    [InlineData("{\"result\":\"failed\",\"findings\":[{\"severity\":\"apocalyptic\",\"description\":\"x\"}]}", "findings[0].severity")]
    public async Task a_malformed_check_is_400_and_writes_nothing(string body, string field)
    {
        var id = await Scenarios.ToAsync(Host, WorkOrderStatus.InternalCheck);
        var before = (await Scenarios.GetAsync(Host, id)).Version;
        var result = await Host.Scenario(s =>
        {
            s.Post.Text(body).ToUrl($"/work-orders/{id}/internal-check");
            s.WithRequestHeader("Content-Type", "application/json");
            s.As(Scenarios.Security);
            s.StatusCodeShouldBe(400);
        });
        await result.ShouldNameField(field);
        (await Scenarios.GetAsync(Host, id)).Version.ShouldBe(before);
    }

    [Fact]
    public async Task a_handover_with_an_invalid_nip_is_400()
    {
        var id = await Scenarios.ToAsync(Host, WorkOrderStatus.Handover);
        var result = await Host.PostAsync($"/work-orders/{id}/handover", Scenarios.Kasi, 400, new
        {
            handedOverBy = new { nip = "123", name = "Kasi" },
            receivedBy = new { nip = TestTokens.SampleNip, name = "dr. Andi" },
        });
        await result.ShouldNameField("handedOverBy.nip");
    }

    [Fact]
    public async Task a_stale_if_match_is_412()
    {
        var id = await Scenarios.OpenAsync(Host);
        await Host.PostAsync($"/work-orders/{id}/start", Scenarios.Programmer, 412, ifMatch: "\"5\"");
        await Host.PostAsync($"/work-orders/{id}/start", Scenarios.Programmer, 204, ifMatch: "\"1\"");
    }
}
