namespace Spbe.Intake;

/// <summary>Intake's settings (section <c>Intake</c>).</summary>
public sealed class IntakeOptions
{
    /// <summary>The register number's format (taken when Staf IT registers a request): <c>{year}</c> and <c>{seq}</c> (with an optional zero pattern).</summary>
    public string RequestNumberFormat { get; set; } = "SPBE/{year}/{seq:00000}";

    /// <summary>The largest attachment accepted, in bytes (default 20 MB).</summary>
    public long MaxAttachmentBytes { get; set; } = 20 * 1024 * 1024;
}
