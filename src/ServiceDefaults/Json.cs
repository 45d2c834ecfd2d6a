using System.Text.Json;
using System.Text.Json.Serialization;

namespace Spbe.ServiceDefaults;

/// <summary>The API's JSON conventions camelCase, enums as kebab-case strings.</summary>
public static class Json
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // Numbers are numbers: "5" in quotes is a client error, not a value (the web defaults allow it).
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }

    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(o);
        return o;
    }
}
