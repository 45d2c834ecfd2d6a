namespace Spbe.Reporting.Notifying;

/// <summary>The <c>Notifications</c> section: where mail goes, who is who, and the portal the mails link to.</summary>
public sealed class NotificationOptions
{
    /// <summary>The portal's address; each notice links to the request there.</summary>
    public string PortalBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>The mails' sender.</summary>
    public string From { get; set; } = "SPBE Diskominfotik <noreply@spbe.localhost>";

    /// <summary>The share of a step's standard time after which its owner is reminded (the SOP leaves it open; 75%).</summary>
    public double ReminderShare { get; set; } = 0.75;

    public SmtpOptions Smtp { get; set; } = new();

    public NotificationDirectory Directory { get; set; } = new();
}

/// <summary>The SMTP server mail is handed to. Without a host, notices stay in the portal's list only.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>
    /// STARTTLS, refusing a server that does not offer it (<c>starttls</c>), implicit TLS (<c>tls</c>) or none at all (<c>none</c>,
    /// only without a password). No "when offered": whoever strips the offer from the conversation would read the password.
    /// </summary>
    public string Security { get; set; } = "starttls";
    public string? UserName { get; set; }
    public string? Password { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    /// <summary>Why these settings must not be used, or null.</summary>
    public string? Problem() =>
        Security is not ("starttls" or "tls" or "none") ? $"Notifications:Smtp:Security is '{Security}'; it must be starttls (the default), tls or none."
        : Security == "none" && !string.IsNullOrEmpty(UserName) ? "Notifications:Smtp:Security=none would send the SMTP password in clear; use starttls or tls."
        : null;
}

/// <summary>Who is who, for the notices: people with their roles and addresses, and each OPD's mailboxes.</summary>
public sealed class NotificationDirectory
{
    public List<DirectoryPerson> People { get; set; } = [];

    /// <summary>OPD code → the addresses its notices go to (an OPD can have several).</summary>
    public Dictionary<string, List<string>> Opds { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A person of the office: by user id (the token's <c>sub</c>) and NIP, with an address and the SOP roles they hold.</summary>
public sealed class DirectoryPerson
{
    public string UserId { get; set; } = "";
    public string? Nip { get; set; }
    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public List<string> Roles { get; set; } = [];
}
