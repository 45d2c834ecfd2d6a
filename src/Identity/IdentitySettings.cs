namespace Spbe.Identity;

/// <summary>The <c>Identity</c> configuration section: who may sign in, which clients may ask for tokens, where keys live.</summary>
public sealed class IdentitySettings
{
    /// <summary>The issuer the services trust (<c>Auth__Authority</c>); by default the address the request came to.</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience every access token carries; the services check it (<c>Auth__Audience</c>).</summary>
    public string Audience { get; set; } = "spbe";

    /// <summary>Where the signing and encryption certificates are kept (generated at the first start; never in the repository).</summary>
    public string KeysDirectory { get; set; } = "keys";

    /// <summary>A signing key's validity, and how long before use the next one is published.</summary>
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromDays(180);
    public TimeSpan KeyPublishedAhead { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The development grant (<see cref="IssuingTokens.DevelopmentGrant"/>): a token for any person, for
    /// scripts and tests on a developer's machine. Never on in production.
    /// </summary>
    public bool AllowDevelopmentGrant { get; set; }

    public Dictionary<string, Person> People { get; set; } = new();
    public Dictionary<string, Client> Clients { get; set; } = new();
}

/// <summary>A person who can sign in (the demo people of development and tests).</summary>
public sealed class Person
{
    public string Name { get; set; } = "";
    public string? Nip { get; set; }
    public string? Opd { get; set; }
    public string? Email { get; set; }
    public string? Position { get; set; }
    public List<string> Roles { get; set; } = [];
}

/// <summary>An application allowed to ask for tokens.</summary>
public sealed class Client
{
    public string DisplayName { get; set; } = "";

    /// <summary>A confidential client's secret; none makes it a public client.</summary>
    public string? Secret { get; set; }

    /// <summary><c>authorization_code</c> (with PKCE), <c>client_credentials</c>, <c>development</c>.</summary>
    public List<string> Grants { get; set; } = [];
    public List<string> RedirectUris { get; set; } = [];
    public List<string> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>The roles a client-credentials token carries (another system acting as itself).</summary>
    public List<string> Roles { get; set; } = [];
}
