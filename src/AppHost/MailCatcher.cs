namespace Spbe.AppHost;

/// <summary>
/// The development mail catcher: smtp4dev (Rnwood.Smtp4dev, a dotnet tool pinned in <c>.config/dotnet-tools.json</c>), so a
/// developer sees every mail the system sends in its web view. Reporting hands its mail to its SMTP port.
/// </summary>
public static class MailCatcher
{
    public static IResourceBuilder<ExecutableResource> AddMailCatcher(this IDistributedApplicationBuilder builder, AppHostSettings settings)
    {
        var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
        // A fresh clone has the manifest but not the tool: restore it once (a no-op when it is there).
        var tools = builder.AddExecutable("mail-tools", "dotnet", root, "tool", "restore");
        var mail = builder.AddExecutable("mail", "dotnet", root, "tool", "run", "smtp4dev", "--")
            .WithHttpEndpoint(port: settings.Port("mail", 5025), name: "http")
            .WithEndpoint(port: settings.Port("mail-smtp", 2525), scheme: "tcp", name: "smtp");
        var web = mail.GetEndpoint("http");
        var smtp = mail.GetEndpoint("smtp");
        return mail
            .WithArgs(context =>
            {
                context.Args.Add(ReferenceExpression.Create($"--urls=http://127.0.0.1:{web.Property(EndpointProperty.TargetPort)}"));
                context.Args.Add(ReferenceExpression.Create($"--smtpport={smtp.Property(EndpointProperty.TargetPort)}"));
                // Kept in memory, no IMAP or POP3 on fixed ports, none of the user's own smtp4dev settings.
                context.Args.Add("--db=");
                context.Args.Add("--imapport=0");
                context.Args.Add("--pop3port=0");
                context.Args.Add("--nousersettings");
                context.Args.Add("--hostname=localhost");
            })
            .WithHttpHealthCheck("/")
            .WaitForCompletion(tools);
    }

    /// <summary>Reporting mails through the catcher's SMTP port.</summary>
    public static IResourceBuilder<ProjectResource> WithMailCatcher(this IResourceBuilder<ProjectResource> reporting,
        IResourceBuilder<ExecutableResource> mail, AppHostSettings settings)
    {
        var smtp = mail.GetEndpoint("smtp");
        return reporting
            .WithEnvironment("Notifications__Smtp__Host", smtp.Property(EndpointProperty.Host))
            .WithEnvironment("Notifications__Smtp__Port", smtp.Property(EndpointProperty.Port))
            .WithEnvironment("Notifications__Smtp__Security", "none");
    }

    /// <summary>
    /// Development: the identity provider's demo people (<c>src/Identity/appsettings.Development.json</c>) as Reporting's directory, each
    /// OPD clerk's address as their OPD's, so that every notice of a demo run lands in the catcher under a real name.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDemoDirectory(this IResourceBuilder<ProjectResource> reporting, IDistributedApplicationBuilder builder)
    {
        var file = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "Identity", "appsettings.Development.json"));
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
        var people = json.RootElement.GetProperty("Identity").GetProperty("People");
        var i = 0;
        var opds = new Dictionary<string, int>();
        foreach (var person in people.EnumerateObject())
        {
            string? Text(string name) => person.Value.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
            var prefix = $"Notifications__Directory__People__{i++}__";
            reporting.WithEnvironment(prefix + "UserId", person.Name);
            if (Text("Name") is { } name) reporting.WithEnvironment(prefix + "Name", name);
            if (Text("Nip") is { } nip) reporting.WithEnvironment(prefix + "Nip", nip);
            if (Text("Email") is { } email) reporting.WithEnvironment(prefix + "Email", email);
            var roles = person.Value.TryGetProperty("Roles", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
            for (var j = 0; j < roles.Count; j++) reporting.WithEnvironment($"{prefix}Roles__{j}", roles[j]);
            if (Text("Opd") is { } opd && Text("Email") is { } address)
            {
                var n = opds.GetValueOrDefault(opd);
                reporting.WithEnvironment($"Notifications__Directory__Opds__{opd}__{n}", address);
                opds[opd] = n + 1;
            }
        }
        return reporting;
    }
}
