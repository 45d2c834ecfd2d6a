using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Spbe.ServiceDefaults;

/// <summary>ETag / If-Match over a stream's version.</summary>
public static class Versioning
{
    public static string ETag(long version) => $"\"{version}\"";

    public static void SetETag(this HttpContext http, long version) => http.Response.Headers.ETag = ETag(version);

    /// <summary>The version in If-Match, or null when absent. A malformed header is reported as a 400 field error.</summary>
    public static bool TryReadIfMatch(this HttpContext http, out long? version)
    {
        version = null;
        var raw = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(raw) || raw.Trim() == "*") return true;
        var value = raw.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        value = value.Trim('"');
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return false;
        version = v;
        return true;
    }
}
