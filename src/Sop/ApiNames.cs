namespace Spbe.Sop;

/// <summary>Names as the API writes them: kebab-case, for enum values in bodies, reasons and event types.</summary>
public static class ApiNames
{
    /// <summary><c>TeamAssigned</c> → <c>team-assigned</c>.</summary>
    public static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary><c>WorkOrderStatus.InExecution</c> → <c>in-execution</c>.</summary>
    public static string ToApiName(this Enum value) => Kebab(value.ToString());
}
