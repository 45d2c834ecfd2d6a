using System.Diagnostics;
using System.Reflection;

namespace Spbe.Production.Tests;

/// <summary>The built executables of the system's processes, started as an office starts them: environment variables and arguments.</summary>
public static class Executables
{
    private static readonly string Configuration =
        typeof(Executables).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The checkout: the directory of Spbe.sln above the test's own.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var root = AppContext.BaseDirectory;
            while (!File.Exists(System.IO.Path.Combine(root, "Spbe.sln"))) root = Directory.GetParent(root)?.FullName ?? throw new InvalidOperationException("Spbe.sln not found above the test's directory.");
            return root;
        }
    }

    public static string PathOf(string project) => System.IO.Path.Combine(RepositoryRoot, "src", project, "bin", Configuration, "net10.0", "Spbe." + project);

    /// <summary>Starts the executable with only the given environment; the caller stops it.</summary>
    public static Process Start(string project, IReadOnlyDictionary<string, string> environment, IEnumerable<string>? args = null)
    {
        var path = PathOf(project);
        var psi = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            WorkingDirectory = System.IO.Path.GetDirectoryName(path)!,
        };
        foreach (var a in args ?? []) psi.ArgumentList.Add(a);
        psi.Environment.Clear();
        foreach (var key in new[] { "PATH", "HOME", "DOTNET_ROOT", "TMPDIR", "LANG" })
            if (Environment.GetEnvironmentVariable(key) is { } value) psi.Environment[key] = value;
        foreach (var (key, value) in environment) psi.Environment[key] = value;
        return Process.Start(psi)!;
    }

    /// <summary>Runs the executable to its end (at most <paramref name="timeout"/>), with only the given environment and a standard input.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string project, IReadOnlyDictionary<string, string> environment,
        IEnumerable<string>? args = null, string? input = null, TimeSpan? timeout = null)
    {
        using var process = Start(project, environment, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try { await process.WaitForExitAsync(cancel.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{project} still running after {(timeout ?? TimeSpan.FromMinutes(2)).TotalSeconds} s; output: {await output} {await error}");
        }
        return (process.ExitCode, await output, await error);
    }
}
