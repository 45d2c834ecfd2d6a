using System.Net;
using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Microsoft.IdentityModel.JsonWebTokens;
using Shouldly;
using Spbe.Testing;
using Xunit;

namespace Spbe.System.Tests;

/// <summary>
/// Signing in against the system's own OpenID Connect provider (src/Identity) the way the portal and
/// other systems will: a person by authorization code with PKCE (real redirects, the sign-in page, its
/// cookie, the code exchange), a system by client credentials.
/// </summary>
[Collection("apphost")]
public sealed class IdentityTests(StartedSystem system) : IClassFixture<StartedSystem>
{
    private AspireSystem Host => system.Host;
    private string Identity => Host.Url("identity");
    private string Secret(string name) => File.ReadAllText(Path.Combine(Host.DataDirectory, name)).Trim();

    [Fact]
    public async Task a_person_signs_in_by_authorization_code_with_pkce_and_the_services_accept_the_token()
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(Identity) };
        var (verifier, challenge) = SignInPage.Pkce();
        // The portal's redirect as the AppHost registers it: the portal's address, a free port in tests.
        var redirect = $"{Host.Url("portal")}/signin-oidc";
        var authorize = $"/connect/authorize?client_id=spbe-portal&response_type=code&scope=openid%20profile%20roles%20spbe" +
                        $"&redirect_uri={Uri.EscapeDataString(redirect)}&code_challenge={challenge}&code_challenge_method=S256&state=s-1&nonce=n-1";

        // Not signed in: to the sign-in page, which lists the demo people in Bahasa Indonesia.
        using var first = await browser.GetAsync(authorize);
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        first.Headers.Location!.ToString().ShouldStartWith($"{Identity}/masuk");
        var page = await browser.GetStringAsync(first.Headers.Location);
        page.ShouldContain("Masuk ke SPBE Layanan Aplikasi");
        page.ShouldContain("Siti Rahmawati");

        // Pick Siti (an OPD clerk of DINKES): the page's form, with its antiforgery token, signs her in here and goes back.
        using var signedIn = await SignInPage.PostAsync(browser, new Uri($"{Identity}/masuk"), page, new Dictionary<string, string> { ["person"] = "siti" });
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var back = await browser.GetAsync(signedIn.Headers.Location!.ToString());
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var callback = back.Headers.Location!;
        callback.GetLeftPart(UriPartial.Path).ShouldBe(redirect);
        var query = global::System.Web.HttpUtility.ParseQueryString(callback.Query);
        query["state"].ShouldBe("s-1");

        // The portal exchanges the code with its secret and the verifier.
        using var exchange = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = query["code"]!, ["redirect_uri"] = redirect, ["client_id"] = "spbe-portal",
            ["client_secret"] = Secret("identity-portal-secret"), ["code_verifier"] = verifier,
        }));
        var tokens = JsonNode.Parse(await exchange.Content.ReadAsStringAsync())!;
        exchange.StatusCode.ShouldBe(HttpStatusCode.OK, tokens.ToJsonString());
        var access = new JsonWebToken(tokens["access_token"]!.GetValue<string>());
        access.Typ.ShouldBe("at+jwt");
        access.GetClaim("sub").Value.ShouldBe("siti");
        access.GetClaim("opd").Value.ShouldBe("DINKES");
        access.GetPayloadValue<string>("nip").ShouldBe("199105082014022003");
        new JsonWebToken(tokens["id_token"]!.GetValue<string>()).GetClaim("name").Value.ShouldBe("Siti Rahmawati");

        // A code is good once; the wrong verifier gets nothing.
        using var replay = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = query["code"]!, ["redirect_uri"] = redirect, ["client_id"] = "spbe-portal",
            ["client_secret"] = Secret("identity-portal-secret"), ["code_verifier"] = verifier,
        }));
        replay.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Intake takes her token: she submits, and sees the request as DINKES's.
        var created = await Host.SendAsync(HttpMethod.Post, $"{Host.Url("intake")}/requests", access.EncodedToken, global::System.Net.Http.Json.JsonContent.Create(SystemDriver.RequestForm));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        (await Host.GetAsync($"{Host.Url("intake")}/requests/{id}", access.EncodedToken))!["opd"]!.GetValue<string>().ShouldBe("DINKES");
    }

    [Fact]
    public async Task another_system_gets_a_token_by_client_credentials_and_acts_with_the_roles_configured_for_it()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{Identity}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "spbe-scripts", ["client_secret"] = Secret("identity-scripts-secret"),
        }));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var token = body["access_token"]!.GetValue<string>();
        new JsonWebToken(token).GetClaim("role").Value.ShouldBe("operator");
        (await Host.GetAsync($"{Host.Url("reporting")}/ops/messaging", token)).ShouldNotBeNull();
        (await Host.SendAsync(HttpMethod.Get, $"{Host.Url("reporting")}/audit", token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // A wrong secret gets nothing.
        using var refused = await http.PostAsync($"{Identity}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "spbe-scripts", ["client_secret"] = "wrong",
        }));
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // The dashboard's messaging command uses the same client: it answers with the service's counts.
        var health = await Host.CommandAsync("intake", "messaging-health");
        health.Success.ShouldBeTrue(health.Message);
        health.Message.ShouldNotBeNull().ShouldContain("dead letters");
    }
}
