namespace Spbe.Testing;

/// <summary>Debian's chromium, started as the machine's probe found it works headless as root.</summary>
public static class Chromium
{
    public static string Path => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Debian's chromium is not installed (.ci/run installs it: apt-get install chromium).");

    public static readonly string[] Arguments =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
}
