using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Spbe.ServiceDefaults;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Spbe service shares, in the shape of an Aspire template's ServiceDefaults:
/// telemetry, health, problem details, authentication. Messaging and storage are in
/// <see cref="Spbe.ServiceDefaults.MessagingExtensions"/>.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<Spbe.ServiceDefaults.ProblemExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(o => Spbe.ServiceDefaults.Json.Configure(o.SerializerOptions));
        builder.AddSpbeOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddSpbeAuthentication();
        Spbe.ServiceDefaults.Hardening.AddHardening(builder);
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("Wolverine:*", "Marten"))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new BackgroundWorkSampler()))
                .AddSource(builder.Environment.ApplicationName, "Wolverine", "Marten")
                .AddAspNetCoreInstrumentation(o =>
                    // Health probes every few seconds would drown the traces that matter.
                    o.Filter = ctx => !ctx.Request.Path.StartsWithSegments(HealthEndpointPath)
                                      && !ctx.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app, string service)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        Spbe.ServiceDefaults.Hardening.UseHeadersAndBodyLimit(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCommandLimit();

        // /health: everything, PostgreSQL included (the AppHost waits on it); /alive: the process answers.
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        Spbe.ServiceDefaults.OpsEndpoints.MapOpsEndpoints(app, service);
        return app;
    }

    /// <summary>Anyone gets the status; only an operator's token also gets each check and why it failed (a database's error text says where and what it is).</summary>
    private static Task WriteHealth(Microsoft.AspNetCore.Http.HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        object body = context.User.IsInRole(Spbe.Contracts.Roles.Operator)
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
            }
            : new { status = report.Status.ToString() };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Spbe.ServiceDefaults.Json.Options));
    }
}

/// <summary>
/// Traces what a person or a message started. A database or HTTP call that nothing started is the
/// services' own background work (queue polling, health probes): many a second, and no one's story.
/// Left in, it buries the traces an operator looks for and costs CPU on an idle system.
/// </summary>
public sealed class BackgroundWorkSampler : Sampler
{
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);

    public override SamplingResult ShouldSample(in SamplingParameters parameters) =>
        parameters.ParentContext.TraceId == default
        && (parameters.Kind == System.Diagnostics.ActivityKind.Client || parameters.Name == "wolverine_node_assignments") // Wolverine's leadership check, every few seconds
            ? Drop
            : Keep;
}
