using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Spbe.Identity;

/// <summary>
/// The provider's keys, as self-signed certificates in <see cref="IdentitySettings.KeysDirectory"/>:
/// generated at the first start, never in the repository. Rotation: the next signing key is created
/// <see cref="IdentitySettings.KeyPublishedAhead"/> before the current one expires, valid only from
/// then on. OpenIddict publishes every key in JWKS but signs only with a key that is already valid
/// (the one that expires last), so the services know the next key long before the first token signed
/// with it arrives, and tokens of the previous key stay valid while its certificate is published.
/// </summary>
public static class KeyRing
{
    public static (IReadOnlyList<X509Certificate2> Signing, X509Certificate2 Encryption) Load(IdentitySettings settings, DateTimeOffset now)
    {
        var directory = Directory.CreateDirectory(Path.GetFullPath(settings.KeysDirectory)).FullName;
        var signing = ReadAll(directory, "signing-")
            // A retired key stays published for as long as a token it signed may live.
            .Where(c => c.NotAfter > now.UtcDateTime - settings.AccessTokenLifetime)
            .ToList();

        if (!signing.Any(c => c.NotBefore <= now.UtcDateTime && c.NotAfter > now.UtcDateTime))
            signing.Add(Create(directory, "signing-", X509KeyUsageFlags.DigitalSignature, now, settings.KeyLifetime));
        var last = signing.Max(c => c.NotAfter);
        if (last - now.UtcDateTime < settings.KeyPublishedAhead)
            signing.Add(Create(directory, "signing-", X509KeyUsageFlags.DigitalSignature, new DateTimeOffset(last) - settings.KeyPublishedAhead, settings.KeyLifetime));

        var encryption = ReadAll(directory, "encryption-").FirstOrDefault(c => c.NotAfter > now.UtcDateTime.AddDays(1))
            ?? Create(directory, "encryption-", X509KeyUsageFlags.KeyEncipherment, now, TimeSpan.FromDays(3650));
        return (signing, encryption);
    }

    private static List<X509Certificate2> ReadAll(string directory, string prefix) =>
        Directory.EnumerateFiles(directory, prefix + "*.pfx").Order()
            .Select(file => X509CertificateLoader.LoadPkcs12FromFile(file, password: null, X509KeyStorageFlags.EphemeralKeySet))
            .ToList();

    /// <summary>A new RSA key in a self-signed certificate valid from <paramref name="from"/>, written to the directory.</summary>
    public static X509Certificate2 Create(string directory, string prefix, X509KeyUsageFlags usage, DateTimeOffset from, TimeSpan lifetime)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Spbe Identity {prefix.TrimEnd('-')} {from:yyyyMMddHHmmss}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(from, from + lifetime);
        var file = Path.Combine(directory, $"{prefix}{from:yyyyMMddHHmmss}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}.pfx");
        File.WriteAllBytes(file, certificate.Export(X509ContentType.Pfx));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return X509CertificateLoader.LoadPkcs12FromFile(file, password: null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
