using System.Security.Cryptography;

namespace Spbe.AppHost;

/// <summary>The development secrets (client secrets, database passwords): generated at the first run into the data directory, never in the repository.</summary>
public static class DataDirectorySecrets
{
    /// <summary>The secret in <paramref name="dataDirectory"/>/<paramref name="name"/>, made (256 random bits, readable by this user alone) when missing.</summary>
    public static Func<string> Generated(string dataDirectory, string name) => () =>
    {
        var file = Path.Combine(dataDirectory, name);
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(dataDirectory);
            File.WriteAllText(file, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return File.ReadAllText(file).Trim();
    };
}
