using System.Globalization;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
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
    /// <summary>The largest request body of any content type, except at an upload's address (Intake's attachments: their own limit).</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>Rate limiting per user on commands, a body size limit, and security headers on every response.</summary>
public static class Hardening
{
    public static TBuilder AddHardening<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var limits = builder.Configuration.GetSection("Limits").Get<LimitSettings>() ?? new LimitSettings();
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton<CommandWindows>();
        return builder;
    }

    /// <summary>
    /// Commands counted per user (the token's subject) in fixed windows; reads are not limited. After authorization:
    /// a call without a valid token is a 401, never counted against anyone.
    /// </summary>
    public static WebApplication UseCommandLimit(this WebApplication app)
    {
        var windows = app.Services.GetRequiredService<CommandWindows>();
        var limits = app.Services.GetRequiredService<LimitSettings>();
        app.Use(async (http, next) =>
        {
            var method = http.Request.Method;
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
                || windows.TryTake(http.User.FindFirst("sub")?.Value ?? "anonymous", out var retryAfter))
            {
                await next(http);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = 429, Title = "Too many requests.",
                    Detail = $"At most {limits.CommandsPerWindow} commands per {limits.Window.TotalSeconds:0} s per user; try again after Retry-After seconds.",
                },
            });
        });
        return app;
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

            // One limit for every body, whatever its content type. Only an endpoint that takes an upload (MultipartBody) sets
            // its own, larger one, and checks it before reading; a multipart body anywhere else is refused unread.
            if (http.GetEndpoint()?.Metadata.GetMetadata<MultipartBodyAttribute>() is null)
            {
                if (http.Request.HasFormContentType)
                {
                    await RefuseAsync(http, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                        "This address takes no form or upload; send JSON (application/json).");
                    return;
                }
                if (http.Request.ContentLength > limits.MaxBodyBytes)
                {
                    await RefuseAsync(http, StatusCodes.Status413PayloadTooLarge, "Request body too large.", $"At most {limits.MaxBodyBytes} bytes.");
                    return;
                }
                // Bodies without a length (chunked) are cut at the same size by the server.
                if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limits.MaxBodyBytes;
            }
            await next();
        });
        return app;
    }

    /// <summary>A refusal as problem details, before any of the body is read.</summary>
    public static async Task RefuseAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}

/// <summary>
/// Fixed windows of commands per user, kept without a timer. ASP.NET Core's partitioned rate limiter does the same
/// with a 100 ms heartbeat, and its middleware keeps a second one for endpoint policies: 20 timer firings a second
/// in every idle service, each waking the timer thread and a pool thread (a dump's timer list showed nothing else
/// below 2 s). Here a window is renewed when its user next sends a command, and ended windows are swept on use.
/// </summary>
public sealed class CommandWindows(LimitSettings limits, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new();
    private long _nextSweep;

    private sealed class Window
    {
        public long Start;
        public int Count;
    }

    /// <summary>Counts a command of <paramref name="user"/>; false, with the time until the window ends, when it is over the limit.</summary>
    public bool TryTake(string user, out TimeSpan retryAfter)
    {
        var now = time.GetTimestamp();
        var length = (long)(limits.Window.TotalSeconds * time.TimestampFrequency);
        Sweep(now, length);
        var window = _windows.GetOrAdd(user, _ => new Window { Start = now });
        lock (window)
        {
            if (now - window.Start >= length) (window.Start, window.Count) = (now, 0);
            if (window.Count < limits.CommandsPerWindow)
            {
                window.Count++;
                retryAfter = TimeSpan.Zero;
                return true;
            }
            retryAfter = time.GetElapsedTime(now, window.Start + length);
            return false;
        }
    }

    /// <summary>Users seen since a window ago stay; at most once a window, the others are forgotten.</summary>
    private void Sweep(long now, long length)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + length, next) != next) return;
        foreach (var (user, window) in _windows)
            lock (window)
                if (now - window.Start >= length) _windows.TryRemove(new KeyValuePair<string, Window>(user, window));
    }

    /// <summary>How many users have a window open (for tests).</summary>
    public int Users => _windows.Count;
}
