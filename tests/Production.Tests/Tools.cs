using System.Diagnostics;
using System.Text;

namespace Spbe.Production.Tests;

/// <summary>
/// Commands as an operator runs them: podman, kubectl, the scripts, the built executables (podman with this sandbox's
/// settings, <c>deploy/images/containers.conf</c>).
/// </summary>
public static class Tools
{
    private static readonly string[] Kept = ["PATH", "HOME", "DOTNET_ROOT", "TMPDIR", "LANG"];

    /// <summary>
    /// A command with its arguments; <paramref name="environment"/> is added to this process's, or with
    /// <paramref name="isolated"/> is all it gets besides the few variables any process needs.
    /// </summary>
    public static ProcessStartInfo Command(string command, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null, bool isolated = false)
    {
        var psi = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (isolated)
        {
            psi.Environment.Clear();
            foreach (var key in Kept)
                if (Environment.GetEnvironmentVariable(key) is { } value) psi.Environment[key] = value;
        }
        else psi.Environment["CONTAINERS_CONF"] = ReleaseImages.ContainersConf;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) psi.Environment[key] = value;
        return psi;
    }

    /// <summary>Runs a command to its end (at most <paramref name="timeout"/>, two minutes unless told), given a standard input or none.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(ProcessStartInfo psi, string? input = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{psi.FileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        using var cancel = new CancellationTokenSource(limit);
        try { await process.WaitForExitAsync(cancel.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{psi.FileName} {string.Join(' ', psi.ArgumentList)} still running after {limit.TotalSeconds} s: {await output} {await error}");
        }
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Runs a command to its end; its output and error as one text.</summary>
    public static async Task<(int Exit, string Output)> CommandAsync(string command, IEnumerable<string> args, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var (exit, output, error) = await RunAsync(Command(command, args, environment), timeout: timeout);
        return (exit, output + error);
    }

    public static Task<(int Exit, string Output)> PodmanAsync(params string[] args) => CommandAsync("podman", args);

    /// <summary>Starts a process that keeps running (a server, a unit); what it writes goes to <paramref name="log"/>. The caller stops it.</summary>
    public static Process Start(ProcessStartInfo psi, StringBuilder log)
    {
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"{psi.FileName} did not start");
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
