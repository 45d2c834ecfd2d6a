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

    /// <summary>The executable with only the given environment, in its own directory.</summary>
    public static ProcessStartInfo Command(string project, IReadOnlyDictionary<string, string> environment, IEnumerable<string>? args = null)
    {
        var psi = Tools.Command(PathOf(project), args ?? [], environment, isolated: true);
        psi.WorkingDirectory = System.IO.Path.GetDirectoryName(psi.FileName)!;
        return psi;
    }

    /// <summary>Starts the executable with only the given environment; the caller stops it.</summary>
    public static Process Start(string project, IReadOnlyDictionary<string, string> environment, IEnumerable<string>? args = null) =>
        Process.Start(Command(project, environment, args))!;

    /// <summary>Runs the executable to its end (at most <paramref name="timeout"/>), with only the given environment and a standard input.</summary>
    public static Task<(int Exit, string Output, string Error)> RunAsync(string project, IReadOnlyDictionary<string, string> environment,
        IEnumerable<string>? args = null, string? input = null, TimeSpan? timeout = null) =>
        Tools.RunAsync(Command(project, environment, args), input, timeout);
}
