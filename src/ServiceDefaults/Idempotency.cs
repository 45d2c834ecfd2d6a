using System.Security.Cryptography;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Spbe.ServiceDefaults;

/// <summary>
/// The answer a command with an <c>Idempotency-Key</c> gave, kept with the command's events (same transaction) so that a
/// retry of the same key and body gets the same answer and creates nothing twice. Keyed per caller: one person's keys
/// never meet another's.
/// </summary>
public sealed class IdempotentAnswer
{
    public string Id { get; set; } = "";
    public string BodyHash { get; set; } = "";
    public int Status { get; set; }
    public string? Location { get; set; }
    public string Json { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>The <c>Idempotency-Key</c> header (draft-ietf-httpapi-idempotency-key-header) on commands that create something.</summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 100;

    /// <summary>The caller's key, or null without one; a malformed key is an error on the header.</summary>
    public static string? Key(HttpContext http, Errors errors)
    {
        var values = http.Request.Headers[Header];
        if (values.Count == 0) return null;
        var key = values.Count == 1 ? values[0] : null;
        if (key is null || key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            errors.Add(Header, $"One key of 1 to {MaxKeyLength} visible ASCII characters (a UUID, say).");
            return null;
        }
        return key;
    }

    public static string Hash(params ReadOnlySpan<byte[]> parts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            sha.AppendData(BitConverter.GetBytes(part.Length));
            sha.AppendData(part);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public static string HashJson<T>(T body) => Hash(JsonSerializer.SerializeToUtf8Bytes(body, Json.Options));

    private static string Id(HttpContext http, string scope, string key) =>
        $"{scope}:{http.User.FindFirst(Contracts.SpbeClaims.Subject)?.Value}:{key}";

    /// <summary>The earlier answer to the same key and body; a 409 for the same key with another body; null when the key is new.</summary>
    public static async Task<IResult?> EarlierAnswerAsync(IQuerySession session, HttpContext http, string scope, string key, string bodyHash)
    {
        var earlier = await session.LoadAsync<IdempotentAnswer>(Id(http, scope, key), http.RequestAborted);
        if (earlier is null) return null;
        if (earlier.BodyHash != bodyHash)
            return Problems.Conflict($"This {Header} was used at {earlier.At:O} for a different body; a new command needs a new key.");
        if (earlier.Location is { } location) http.Response.Headers.Location = location;
        return Results.Text(earlier.Json, "application/json", statusCode: earlier.Status);
    }

    /// <summary>
    /// Keeps the answer with the command's changes. An insert: two retries racing with one key both pass the lookup, and
    /// the second commit is refused (a 409, <see cref="IsDuplicate"/>), so one of them creates.
    /// </summary>
    public static void Remember(IDocumentSession session, HttpContext http, string scope, string key, string bodyHash,
        int status, string? location, object answer, DateTimeOffset now) =>
        session.Insert(new IdempotentAnswer
        {
            Id = Id(http, scope, key), BodyHash = bodyHash, Status = status, Location = location,
            Json = JsonSerializer.Serialize(answer, answer.GetType(), Json.Options), At = now,
        });

    /// <summary>
    /// A second insert of an answer (by name, as <see cref="Concurrency.IsConflict"/> does). The services insert no other
    /// document: everything else is an event or an upsert.
    /// </summary>
    public static bool IsDuplicate(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x.GetType().Name == "DocumentAlreadyExistsException") return true;
        return false;
    }
}
