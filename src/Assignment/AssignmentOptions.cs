namespace Spbe.Assignment;

/// <summary>Assignment's settings (section <c>Assignment</c>).</summary>
public sealed class AssignmentOptions
{
    /// <summary>The Surat Tugas number's format: <c>{year}</c> and <c>{seq}</c>.</summary>
    public string LetterNumberFormat { get; set; } = "800/{seq:000}/ST/Diskominfotik-{year}";
}
