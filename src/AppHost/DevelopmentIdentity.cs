using Spbe.Hosting;

namespace Spbe.AppHost;

/// <summary>
/// The development token issuer's signing key: generated at the first run into the data directory
/// (never in the repository) and handed, as a secret parameter, to the issuer and to every service.
/// </summary>
public sealed class DevelopmentIdentity(IResourceBuilder<ParameterResource> signingKey)
{
    public IResourceBuilder<ParameterResource> SigningKey { get; } = signingKey;

    public static DevelopmentIdentity Create(IDistributedApplicationBuilder builder, string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, "dev-signing-key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(dataDirectory);
            File.WriteAllText(file, Convert.ToBase64String(DevelopmentTokens.NewKey()));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var key = File.ReadAllText(file).Trim();
        return new DevelopmentIdentity(builder.AddParameter("dev-signing-key", () => key, secret: true));
    }
}

public static class DevelopmentIdentityExtensions
{
    public static IResourceBuilder<T> WithDevelopmentIdentity<T>(this IResourceBuilder<T> resource, DevelopmentIdentity identity)
        where T : IResourceWithEnvironment =>
        resource
            .WithEnvironment("Auth__Issuer", DevelopmentTokens.DefaultIssuer)
            .WithEnvironment("Auth__Audience", DevelopmentTokens.DefaultAudience)
            .WithEnvironment("Auth__SigningKey", identity.SigningKey);
}
