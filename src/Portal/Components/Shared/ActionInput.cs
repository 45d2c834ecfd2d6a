namespace Spbe.Portal.Components.Shared;

/// <summary>A small command form: the version the user saw (sent as If-Match, so a lost race is a 412, not an overwrite) and its text fields.</summary>
public sealed class ActionInput
{
    public long Version { get; set; }
    public string? Text { get; set; }
    public string? Note { get; set; }
    public string? Extra { get; set; }
    public string? Choice { get; set; }
    public int? Number { get; set; }

    public string IfMatch => $"\"{Version}\"";

    /// <summary>The lines of <see cref="Text"/>, each trimmed, the empty ones left out.</summary>
    public List<string> Lines() => (Text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}
