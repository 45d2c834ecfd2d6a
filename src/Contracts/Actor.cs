namespace Spbe.Contracts;

/// <summary>Who did something: always taken from the caller's token, never from a request body.</summary>
/// <param name="UserId">The token's subject.</param>
/// <param name="Name">Display name.</param>
/// <param name="Role">The role under which the action was allowed.</param>
/// <param name="Nip">The civil servant number, where the token carries one.</param>
/// <param name="Opd">The OPD code, for agency users.</param>
public sealed record Actor(string UserId, string Name, string Role, string? Nip = null, string? Opd = null);
