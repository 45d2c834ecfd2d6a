using System.Security.Cryptography;

namespace Spbe.Intake.Submitting;

/// <summary>
/// The short code a submission gets instead of a register number, for a clerk to read over the phone:
/// 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L).
/// </summary>
/// <remarks>
/// Random, not derived from the request's id: 8 characters of 31 hold about 40 bits, fewer than a
/// UUIDv7's random part, so no derivation from the id could be unique by construction. A random code
/// is unique by the database instead: Submit looks for a request with the code and draws again on a
/// collision (about one in 10^7 with 100,000 requests), and a unique index on the request's
/// <c>TrackingCode</c> refuses the one race that check cannot see. Random also tells nothing of when
/// or in which order requests came, which the register number is for.
/// </remarks>
public static class TrackingCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 8;

    /// <summary>A new random code (cryptographic randomness, uniform over the alphabet).</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    public static bool IsValid(string? code) => code is { Length: Length } && code.All(c => Alphabet.Contains(c));
}
