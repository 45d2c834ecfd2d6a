namespace Spbe.Reporting.Notifying;

/// <summary>
/// Who a notice is for, as one key the portal's list is read by: <c>user:{sub}</c>, <c>nip:{nip}</c> (a team member
/// not in the directory), <c>role:{role}</c> (a role nobody in the directory holds) or <c>opd:{code}</c> (an agency's staff).
/// </summary>
public sealed record Recipient(string Audience, string Name, IReadOnlyList<string> Addresses, string? UserId = null, string? Nip = null)
{
    public static string ForUser(string userId) => $"user:{userId}";
    public static string ForNip(string nip) => $"nip:{nip}";
    public static string ForRole(string role) => $"role:{role}";
    public static string ForOpd(string code) => $"opd:{code}";
}

/// <summary>What a person is told: one entry of their list in the portal, mailed once (<see cref="MailedAt"/>).</summary>
public sealed class Notice
{
    /// <summary>Deterministic: its cause (a message's key, or a step's deadline) and its audience, so a redelivery finds it.</summary>
    public string Id { get; set; } = "";
    public string Audience { get; set; } = "";
    public string RecipientName { get; set; } = "";
    public string? UserId { get; set; }
    public string? Nip { get; set; }
    /// <summary>Addresses from the directory; empty means the person's own (the token's <c>email</c>, as last seen).</summary>
    public List<string> Addresses { get; set; } = [];
    /// <summary>What happened, e.g. <c>registered</c>, <c>reminder</c>, <c>escalation</c>.</summary>
    public string Kind { get; set; } = "";
    public Guid RequestId { get; set; }
    /// <summary>The register number, or the tracking code before registration.</summary>
    public string RequestLabel { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public string Link { get; set; } = "";
    /// <summary>When its cause happened.</summary>
    public DateTimeOffset At { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When its mail was handed to the SMTP server (or found not to be sent); null while pending.</summary>
    public DateTimeOffset? MailedAt { get; set; }
    /// <summary><c>sent</c>, <c>no-address</c>, <c>opted-out</c> or <c>mail-off</c> (no SMTP server configured); null while pending.</summary>
    public string? MailStatus { get; set; }
    /// <summary>The mail's Message-ID, derived from <see cref="Id"/>: the same on every attempt.</summary>
    public string MessageId { get; set; } = "";
}

/// <summary>A person's own settings: whether they want email, and the address their token last carried.</summary>
public sealed class NotificationProfile
{
    /// <summary>The token's <c>sub</c>.</summary>
    public string Id { get; set; } = "";
    public string? Nip { get; set; }
    public string? Email { get; set; }
    public bool EmailEnabled { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }
}
