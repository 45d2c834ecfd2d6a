using Shouldly;
using Spbe.Testing;
using Xunit;

namespace Spbe.Production.Tests;

/// <summary>
/// Each process started outside Development with what development uses (the development grant, demo people, plain-HTTP
/// addresses, no database password, no or short secrets, localhost links): it does not start, and says which settings.
/// </summary>
public sealed class StartRefusalTests
{
    private const string NoPassword = "Host=127.0.0.1;Port=1;Username=postgres;Database=spbe";

    private static Dictionary<string, string> Production(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Spbe.Hosting.LocalPorts.Free()}" };
        foreach (var (key, value) in settings) environment[key] = value;
        return environment;
    }

    [Fact]
    public async Task the_identity_provider_refuses_the_development_grant_demo_people_plain_http_and_weak_secrets()
    {
        var (exit, _, error) = await Executables.RunAsync("Identity", Production(
            ("ConnectionStrings__spbe", NoPassword),
            ("Identity__Issuer", "http://identity.example.go.id"),
            ("Identity__AllowDevelopmentGrant", "true"),
            ("Identity__People__siti__Name", "Siti"), ("Identity__People__siti__Roles__0", "opd"),
            ("Identity__Clients__spbe-dev__Grants__0", "development"),
            ("Identity__Clients__spbe-portal__Secret", "secret"), ("Identity__Clients__spbe-portal__Grants__0", "authorization_code"),
            ("Identity__Clients__spbe-portal__RedirectUris__0", "http://portal.example.go.id/signin-oidc")));
        exit.ShouldNotBe(0);
        error.ShouldContain("Identity__Issuer is 'http://identity.example.go.id'");
        error.ShouldContain("Identity__AllowDevelopmentGrant is on");
        error.ShouldContain("Identity__People lists 1 demo people");
        error.ShouldContain("Identity__Clients__spbe-dev has the development grant");
        error.ShouldContain("Identity__Clients__spbe-dev__Secret is not set");
        error.ShouldContain("Identity__Clients__spbe-portal__Secret is shorter than 32 characters");
        error.ShouldContain("'http://portal.example.go.id/signin-oidc' is not an https address");
        error.ShouldContain("ConnectionStrings__spbe has no password");
    }

    [Fact]
    public async Task the_identity_provider_refuses_to_start_without_an_issuer()
    {
        var (exit, _, error) = await Executables.RunAsync("Identity", Production(("ConnectionStrings__spbe", NoPassword + ";Password=x")));
        exit.ShouldNotBe(0);
        error.ShouldContain("Identity__Issuer is not set");
        error.ShouldNotContain("has no password");
    }

    [Fact]
    public async Task a_service_refuses_a_plain_http_provider_a_database_without_password_and_localhost_letters()
    {
        var (exit, _, error) = await Executables.RunAsync("Intake", Production(
            ("ConnectionStrings__spbe", NoPassword), ("Auth__Authority", "http://identity.example.go.id"), ("Auth__RequireHttpsMetadata", "false")));
        exit.ShouldNotBe(0);
        error.ShouldContain("Auth__Authority is 'http://identity.example.go.id'");
        error.ShouldContain("Auth__RequireHttpsMetadata is False");

        // Each part of the start checks its own settings: with the provider right, the database's.
        (exit, _, error) = await Executables.RunAsync("Intake", Production(
            ("ConnectionStrings__spbe", NoPassword), ("Auth__Authority", "https://identity.example.go.id")));
        exit.ShouldNotBe(0);
        error.ShouldContain("ConnectionStrings__spbe has no password");

        // With those right, the next refusal: the letters' QR code would open localhost.
        (exit, _, error) = await Executables.RunAsync("Intake", Production(
            ("ConnectionStrings__spbe", NoPassword + ";Password=x"), ("Auth__Authority", "https://identity.example.go.id")));
        exit.ShouldNotBe(0);
        error.ShouldContain("Documents__VerifyBaseUrl is not set");
    }

    [Fact]
    public async Task reporting_refuses_to_link_its_notices_to_localhost()
    {
        var (exit, _, error) = await Executables.RunAsync("Reporting", Production(
            ("ConnectionStrings__spbe", NoPassword + ";Password=x"), ("Auth__Authority", "https://identity.example.go.id"),
            ("Documents__VerifyBaseUrl", "https://spbe.example.go.id/verifikasi/{code}"), ("Notifications__PortalBaseUrl", "http://localhost:5000")));
        exit.ShouldNotBe(0);
        error.ShouldContain("Notifications__PortalBaseUrl is 'http://localhost:5000'");
    }

    [Fact]
    public async Task the_portal_refuses_a_plain_http_provider_and_a_missing_secret()
    {
        var (exit, _, error) = await Executables.RunAsync("Portal", Production(("Auth__Authority", "http://identity.example.go.id")));
        exit.ShouldNotBe(0);
        error.ShouldContain("Auth:ClientSecret is not set");

        (exit, _, error) = await Executables.RunAsync("Portal", Production(
            ("Auth__Authority", "http://identity.example.go.id"), ("Auth__RequireHttpsMetadata", "false"), ("Auth__ClientSecret", "short")));
        exit.ShouldNotBe(0);
        error.ShouldContain("Auth__Authority is 'http://identity.example.go.id'");
        error.ShouldContain("Auth__RequireHttpsMetadata is False");
        error.ShouldContain("Auth__ClientSecret is shorter than 32 characters");
    }
}
