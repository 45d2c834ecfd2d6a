using System.Runtime.InteropServices;

namespace Spbe.Testing;

/// <summary>Processes seen through /proc: what a test kills, and what must be gone after a stop.</summary>
public static class ProcessTree
{
    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    /// <summary>Sends a signal to one process; never to a group (0 or negative) nor to init.</summary>
    public static int Signal(int pid, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pid, 1);
        return Kill(pid, signal);
    }

    public const int SigKill = 9, SigTerm = 15;

    /// <summary>Alive, and not a zombie waiting to be reaped (the sandbox's init may be slow to reap orphans).</summary>
    public static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    public static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return "(gone)"; }
    }

    /// <summary>Every living process with its parent.</summary>
    public static IReadOnlyList<(int Pid, int Parent)> All()
    {
        var all = new List<(int, int)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var text = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] != "Z") all.Add((pid, int.Parse(fields[1])));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        }
        return all;
    }

    /// <summary>The process and all its descendants.</summary>
    public static IReadOnlyList<int> Descendants(int root)
    {
        // 0 and 1 would be every process of the machine (and kill(0) the caller's own group).
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(root, 1);
        var all = All();
        var found = new List<int> { root };
        for (var i = 0; i < found.Count; i++)
            found.AddRange(all.Where(p => p.Parent == found[i]).Select(p => p.Pid));
        return found.Where(IsRunning).ToList();
    }

    /// <summary>The descendants of <paramref name="root"/> whose program is the given executable name (a service's apphost, say Spbe.Intake).</summary>
    public static IReadOnlyList<int> Programs(int root, string executable) =>
        Descendants(root).Where(pid => CommandLine(pid).Split(' ')[0].EndsWith("/" + executable, StringComparison.Ordinal)).ToList();
}
