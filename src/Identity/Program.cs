using Spbe.Contracts;
using Spbe.Hosting;

namespace Spbe.Identity;

/// <summary>
/// The development identity provider, a resource of the AppHost: it issues tokens for any person of
/// the SOP so that developers, scripts and the system tests can call the services. Production uses
/// the office's own OpenID Connect provider (<c>Auth__Authority</c>) and never runs this.
/// </summary>
public sealed class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        var key = builder.Configuration["Auth:SigningKey"] is { Length: > 0 } configured
            ? Convert.FromBase64String(configured)
            : throw new InvalidOperationException("Auth__SigningKey is not set: the AppHost hands the development signing key to this provider and to the services.");
        var tokens = new DevelopmentTokens(key,
            builder.Configuration["Auth:Issuer"] ?? DevelopmentTokens.DefaultIssuer,
            builder.Configuration["Auth:Audience"] ?? DevelopmentTokens.DefaultAudience);

        var app = builder.Build();
        app.MapHealthChecks(Extensions.HealthEndpointPath);
        app.MapHealthChecks(Extensions.AlivenessEndpointPath, new() { Predicate = r => r.Tags.Contains("live") });
        app.MapGet("/", () => Results.Text(
            "Penyedia identitas pengembangan SPBE. POST /dev/token dengan { sub, name, roles[], opd?, nip? } memberi access_token.\n" +
            "SPBE development identity provider. POST /dev/token with { sub, name, roles[], opd?, nip? } answers an access_token.\n"));
        app.MapPost("/dev/token", (TokenBody? body) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(body?.Sub)) errors["sub"] = ["Required."];
            if (body?.Roles is not { Length: > 0 }) errors["roles"] = ["At least one role."];
            else if (body.Roles.FirstOrDefault(r => !Roles.IsKnown(r)) is { } unknown) errors["roles"] = [$"Unknown role '{unknown}'; one of: {string.Join(", ", Roles.All)}."];
            if (body?.Roles?.Contains(Roles.Opd) == true && !OpdCode.IsValid(body.Opd is null ? null : OpdCode.Normalize(body.Opd))) errors["opd"] = ["An opd user needs a valid OPD code."];
            if (body?.Nip is not null && !Nip.IsValid(body.Nip, out var why)) errors["nip"] = [why];
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            var token = tokens.Mint(new TokenRequest(body!.Sub!, body.Name ?? body.Sub!, body.Roles!,
                body.Opd is null ? null : OpdCode.Normalize(body.Opd), body.Nip));
            return Results.Ok(new { access_token = token, token_type = "Bearer", expires_in = 8 * 3600 });
        });
        await app.RunAsync();
    }
}

public sealed record TokenBody(string? Sub, string? Name, string[]? Roles, string? Opd, string? Nip);
