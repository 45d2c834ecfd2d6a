using Spbe.ServiceDefaults;

namespace Spbe.Intake;

/// <summary>Enum values as the API writes them (kebab-case), for messages and reasons.</summary>
public static class Wire
{
    public static string Status(RequestStatus status) => History.Kebab(status.ToString());
    public static string Kind(AttachmentKind kind) => History.Kebab(kind.ToString());
}
