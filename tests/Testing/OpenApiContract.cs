using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Spbe.Testing;

/// <summary>The committed OpenAPI documents under docs/openapi, one per service.</summary>
public static partial class OpenApiContract
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string DocumentPath(string service) => Path.Combine(AppHostProcess.FindRoot(), "docs", "openapi", service + ".json");

    /// <summary>The document as committed: indented, one newline at the end.</summary>
    public static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
}
