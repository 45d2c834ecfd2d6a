using System.Diagnostics;
using Alba;
using Shouldly;

namespace Spbe.Testing;

/// <summary>
/// Reads a PDF back as a person would see it, with poppler-utils (<c>pdftotext</c>, <c>pdftoppm</c>, <c>pdffonts</c>, <c>pdfinfo</c>; Debian's
/// <c>poppler-utils</c>, installed by <c>.ci/run</c>).
/// </summary>
public static class PdfFiles
{
    /// <summary>The PDF's text, laid out as on the page (<c>pdftotext -layout</c>), whitespace runs kept.</summary>
    public static string Text(byte[] pdf) => Run("pdftotext", pdf, "-layout {in} -", out _);

    /// <summary>The fonts table of <c>pdffonts</c>: name, type, encoding, embedded, subset, unicode.</summary>
    public static string Fonts(byte[] pdf) => Run("pdffonts", pdf, "{in}", out _);

    /// <summary>The number of pages (<c>pdfinfo</c>).</summary>
    public static int Pages(byte[] pdf) =>
        int.Parse(Run("pdfinfo", pdf, "{in}", out _).Split('\n').First(l => l.StartsWith("Pages:")).Split(':')[1].Trim());

    /// <summary>The text with every whitespace run made one space: for phrases a line break may cut.</summary>
    public static string Words(byte[] pdf) => string.Join(' ', Text(pdf).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// Writes the first page as <c>{name}.png</c> at 60 dpi under the test output (<c>bin/…/documents/</c>), to look at;
    /// answers its path.
    /// </summary>
    public static string SavePng(byte[] pdf, string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "documents");
        Directory.CreateDirectory(dir);
        var target = Path.Combine(dir, name);
        Run("pdftoppm", pdf, $"-png -r 60 -singlefile {{in}} {target}", out _);
        return target + ".png";
    }

    /// <summary>GET a PDF as <paramref name="token"/>: 200, application/pdf; its bytes.</summary>
    public static async Task<byte[]> GetPdfAsync(this IAlbaHost host, string url, string token)
    {
        var result = await host.Scenario(s => { s.Get.Url(url); s.As(token); s.StatusCodeShouldBeOk(); });
        result.Context.Response.ContentType.ShouldBe("application/pdf");
        var body = new MemoryStream();
        if (result.Context.Response.Body.CanSeek) result.Context.Response.Body.Position = 0;
        await result.Context.Response.Body.CopyToAsync(body);
        return body.ToArray();
    }

    private static string Run(string tool, byte[] pdf, string arguments, out string stderr)
    {
        var input = Path.Combine(Path.GetTempPath(), $"spbe-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(input, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, arguments.Replace("{in}", input))
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            }) ?? throw new InvalidOperationException($"{tool} did not start (Debian: apt-get install poppler-utils).");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var err = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            stderr = err.Result;
            if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {stderr}");
            return stdout.Result;
        }
        finally { File.Delete(input); }
    }
}
