using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Spbe.Hosting;

/// <summary>
/// What a process refuses outside the Development environment: every development convenience (a plain-HTTP
/// provider, a database without a password, a localhost link in a letter) is a setting that is either absent or
/// weak, and a refusal to start with the setting named beats a system running with it.
/// </summary>
public static class ProductionGuard
{
    /// <summary>Set by the migration step (<c>Spbe.{Service} migrate</c>): it serves nothing, so the serving settings are not its to check.</summary>
    public const string MigrationStepKey = "Spbe:MigrationStep";

    public static bool IsMigrationStep(IConfiguration configuration) => configuration.GetValue<bool>(MigrationStepKey);

    /// <summary>As <see cref="Enforce(IHostEnvironment, string, IEnumerable{string?})"/>, except in the migration step.</summary>
    public static void Enforce(IHostApplicationBuilder builder, string process, IEnumerable<string?> problems)
    {
        if (!IsMigrationStep(builder.Configuration)) Enforce(builder.Environment, process, problems);
    }

    /// <summary>Stops the start, naming every problem of one part of it (authentication, the database, the letters), unless this is Development or nothing is wrong.</summary>
    public static void Enforce(IHostEnvironment environment, string process, IEnumerable<string?> problems)
    {
        if (environment.IsDevelopment()) return;
        var found = problems.OfType<string>().ToList();
        if (found.Count == 0) return;
        throw new InvalidOperationException(
            $"{process} does not start in the {environment.EnvironmentName} environment with these settings:\n- {string.Join("\n- ", found)}\n" +
            "(README, \"Production settings\"; only DOTNET_ENVIRONMENT=Development allows them.)");
    }

    /// <summary>A problem when the setting is not an absolute https address (an address people or tokens rely on).</summary>
    public static string? Https(IConfiguration configuration, string key, string what)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value)) return $"{key.Replace(":", "__")} is not set: {what}.";
        return Uri.TryCreate(value.Replace("{code}", "code").Replace("{hash}", "code"), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? null
            : $"{key.Replace(":", "__")} is '{value}': {what}, it must be an https address.";
    }

    /// <summary>A problem when the setting is not exactly <paramref name="expected"/>.</summary>
    public static string? Is(IConfiguration configuration, string key, bool expected, bool @default, string why) =>
        configuration.GetValue(key, @default) == expected ? null : $"{key.Replace(":", "__")} is {!expected}: {why}.";

    /// <summary>A problem when the connection string logs in without a password (trust or peer authentication).</summary>
    public static string? DatabasePassword(string? connectionString) =>
        connectionString is null || !string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(connectionString).Password)
            ? null
            : "ConnectionStrings__spbe has no password: each process logs in with its own role and password (scram-sha-256).";

    /// <summary>A problem when a secret is missing or too short to resist guessing (at least 32 characters).</summary>
    public static string? Secret(string? value, string key) =>
        value is { Length: >= 32 } ? null
        : string.IsNullOrEmpty(value) ? $"{key} is not set: it is a secret that has no default."
        : $"{key} is shorter than 32 characters.";
}
