using Spbe.Documents;

namespace Spbe.Intake.Documents;

/// <summary>The documents of a request, from its events as its state holds them; pure.</summary>
public static class IntakeDocuments
{
    /// <summary>The tanda terima, once the request is registered.</summary>
    public static IReadOnlyList<Letter> Of(ServiceRequest r) => TandaTerimaLetter.Of(r) is { } receipt ? [receipt] : [];
}
