using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Spbe.ServiceDefaults;

/// <summary>Section <c>Limits</c>: how much one user may send.</summary>
public sealed class LimitSettings
{
    /// <summary>Commands (POST, PUT, PATCH, DELETE) one user may send per window.</summary>
    public int CommandsPerWindow { get; set; } = 120;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>The largest request body, except attachments (Intake's own limit).</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>Rate limiting per user on commands, a body size limit, and security headers on every response.</summary>
public static class Hardening
{
    public static TBuilder AddHardening<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var limits = builder.Configuration.GetSection("Limits").Get<LimitSettings>() ?? new LimitSettings();
        builder.Services.AddSingleton(limits);
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("reads")
                    // Per user: the token's subject (anonymous calls are refused by authorization anyway).
                    : RateLimitPartition.GetFixedWindowLimiter(http.User.FindFirst("sub")?.Value ?? "anonymous", _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.CommandsPerWindow,
                        Window = limits.Window,
                        QueueLimit = 0,
                    }));
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : limits.Window;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 429, Title = "Too many requests.",
                        Detail = $"At most {limits.CommandsPerWindow} commands per {limits.Window.TotalSeconds:0} s per user; try again after Retry-After seconds.",
                    },
                });
            };
        });
        return builder;
    }

    /// <summary>Security headers, then the body limit; before authentication so they cover every answer.</summary>
    public static WebApplication UseHeadersAndBodyLimit(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<LimitSettings>();
        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "()";
            // Answers carry agencies' data: no shared cache keeps them.
            if (!headers.ContainsKey("Cache-Control")) headers.CacheControl = "no-store";

            var isUpload = http.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;
            if (!isUpload)
            {
                if (http.Request.ContentLength > limits.MaxBodyBytes)
                {
                    http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = http,
                        ProblemDetails = new ProblemDetails { Status = 413, Title = "Request body too large.", Detail = $"At most {limits.MaxBodyBytes} bytes." },
                    });
                    return;
                }
                // Bodies without a length (chunked) are cut at the same size by the server.
                if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limits.MaxBodyBytes;
            }
            await next();
        });
        return app;
    }
}
