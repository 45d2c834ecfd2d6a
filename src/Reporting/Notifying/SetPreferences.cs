using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Reporting.Notifying;

public sealed record PreferencesForm([property: Required] bool? EmailEnabled);

/// <summary>A person's notification settings: whether notices are mailed to them, and to which address.</summary>
public sealed record PreferencesView(bool EmailEnabled, string? Email);

/// <summary>The people's own settings, and the address their token carries (the <c>email</c> claim), kept as they are seen.</summary>
public static class Profiles
{
    public const string EmailClaim = "email";

    /// <summary>Keeps the caller's NIP and email claim, written only when they changed.</summary>
    public static async Task SeeAsync(IDocumentStore store, ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct)
    {
        if (user.FindFirst(SpbeClaims.Subject)?.Value is not { Length: > 0 } sub) return;
        var email = user.FindFirst(EmailClaim)?.Value;
        var nip = user.FindFirst(SpbeClaims.Nip)?.Value;
        await using var session = store.LightweightSession();
        var profile = await session.LoadAsync<NotificationProfile>(sub, ct);
        if (profile is not null && profile.Email == email && profile.Nip == nip) return;
        profile ??= new NotificationProfile { Id = sub };
        profile.Email = email;
        profile.Nip = nip;
        profile.UpdatedAt = now;
        session.Store(profile);
        await session.SaveChangesAsync(ct);
    }

    public static async Task<PreferencesView> ViewAsync(IQuerySession session, NotificationOptions options, string sub, CancellationToken ct)
    {
        var profile = await session.LoadAsync<NotificationProfile>(sub, ct);
        var listed = options.Directory.People.FirstOrDefault(p => p.UserId == sub)?.Email;
        return new PreferencesView(profile?.EmailEnabled ?? true, string.IsNullOrWhiteSpace(listed) ? profile?.Email : listed);
    }
}

/// <summary>The signed-in person's notification settings.</summary>
public static class GetPreferences
{
    [WolverineGet("/notifications/preferences", OperationId = "getNotificationPreferences")]
    [EndpointSummary("The signed-in person's notification settings: email on or off, and the address mail goes to")]
    [ProducesResponseType<PreferencesView>(200)]
    public static async Task<IResult> Get(HttpContext http, IDocumentStore store, NotificationOptions options, TimeProvider clock)
    {
        await Profiles.SeeAsync(store, http.User, clock.GetUtcNow(), http.RequestAborted);
        await using var session = store.QuerySession();
        return Results.Ok(await Profiles.ViewAsync(session, options, http.User.FindFirst(SpbeClaims.Subject)!.Value, http.RequestAborted));
    }
}

/// <summary>A person turns notice mail off (or on) for themselves; their list in the portal stays.</summary>
public static class SetPreferences
{
    public static IResult Validate(PreferencesForm? body)
    {
        var errors = new Errors();
        if (body?.EmailEnabled is null) errors.Add("emailEnabled", "Required: true or false.");
        return CommandFlow.Continue(errors);
    }

    [WolverinePut("/notifications/preferences", OperationId = "setNotificationPreferences")]
    [EndpointSummary("Turn notice mail on or off for the signed-in person")]
    [ProducesResponseType<PreferencesView>(200), ProducesResponseType(400)]
    public static async Task<IResult> Put(PreferencesForm? body, HttpContext http, IDocumentStore store, NotificationOptions options, TimeProvider clock)
    {
        var sub = http.User.FindFirst(SpbeClaims.Subject)!.Value;
        var now = clock.GetUtcNow();
        await Profiles.SeeAsync(store, http.User, now, http.RequestAborted);
        await using var session = store.LightweightSession();
        var profile = await session.LoadAsync<NotificationProfile>(sub, http.RequestAborted) ?? new NotificationProfile { Id = sub };
        profile.EmailEnabled = body!.EmailEnabled!.Value;
        profile.UpdatedAt = now;
        session.Store(profile);
        await session.SaveChangesAsync(http.RequestAborted);
        return Results.Ok(await Profiles.ViewAsync(session, options, sub, http.RequestAborted));
    }
}
