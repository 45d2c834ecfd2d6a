using Spbe.Clients.Delivery;

namespace Spbe.Portal.Components.Shared;

public sealed class FindingInput
{
    public string? Severity { get; set; }
    public string? Description { get; set; }
}

/// <summary>A check (internal, or the OPD's): its result and up to <see cref="Rows"/> findings of what to rework.</summary>
public sealed class CheckInput
{
    public const int Rows = 3;
    public long Version { get; set; }
    public string? Result { get; set; }
    public List<FindingInput> Findings { get; set; } = [.. Enumerable.Range(0, Rows).Select(_ => new FindingInput())];

    public CheckForm ToForm() => new()
    {
        Result = Result ?? "",
        Findings = [.. Findings.Where(f => !string.IsNullOrWhiteSpace(f.Description))
            .Select(f => new FindingForm { Severity = Wire.Parse<FindingFormSeverity>(f.Severity) ?? FindingFormSeverity.Medium, Description = f.Description!.Trim() })],
    };
}

/// <summary>The handover: both parties of the Berita Acara serah terima.</summary>
public sealed class HandoverInput
{
    public long Version { get; set; }
    public string? GiverNip { get; set; }
    public string? GiverName { get; set; }
    public string? ReceiverNip { get; set; }
    public string? ReceiverName { get; set; }
    public string? Notes { get; set; }

    public HandoverForm ToForm() => new()
    {
        HandedOverBy = new PersonForm { Nip = GiverNip?.Trim() ?? "", Name = GiverName?.Trim() ?? "" },
        ReceivedBy = new PersonForm { Nip = ReceiverNip?.Trim() ?? "", Name = ReceiverName?.Trim() ?? "" },
        Notes = string.IsNullOrWhiteSpace(Notes) ? null : Notes,
    };
}
