using System.Globalization;
using Spbe.Testing;

namespace Spbe.Benchmarks;

/// <summary>
/// Scenario `idle`: what the running system costs while nobody uses it. CPU time (user + system, from
/// /proc/{pid}/stat) of every process of the system, PostgreSQL's backends included, over a window in
/// which nothing is sent to it. CPU time is what the system takes from the machine whatever else runs;
/// the machine's busy cores in the same window are the baseline that says how loaded the run was.
/// </summary>
public static class Idle
{
    public static async Task RunAsync(AppHostProcess system, Report report, TimeSpan window, TimeSpan settle)
    {
        // Start-up work (schema checks, the JIT's second tier, first health probes) is not idle cost.
        Console.WriteLine($"idle: settling {settle.TotalSeconds} s, then measuring {window.TotalSeconds} s with nothing sent …");
        await Task.Delay(settle);

        var before = CpuByGroup(system);
        var machineBefore = MachineTicks();
        await Task.Delay(window);
        var used = Used(before, CpuByGroup(system));
        var machineAfter = MachineTicks();
        var seconds = window.TotalSeconds;

        report.Add("idle", "baseline: machine busy cores in the same window (everything running here)",
            (machineAfter.Busy - machineBefore.Busy) / TicksPerSecond / seconds, "cores");
        var inSystem = used.Where(g => !Tooling.Contains(g.Key)).Sum(g => g.Value);
        report.Add("idle", $"the system (services, identity, portal, PostgreSQL), averaged over {seconds:0} s", inSystem / TicksPerSecond / seconds, "cores", "< 0.02 cores");
        report.Add("idle", "and the development tooling (AppHost, dashboard, DCP, dotnet run launchers, mail catcher)", (used.Values.Sum() - inSystem) / TicksPerSecond / seconds, "cores");
        foreach (var (group, ticks) in used.OrderByDescending(g => g.Value))
            report.Add("idle", group, ticks / TicksPerSecond / seconds, "cores");
    }

    /// <summary>What `dotnet run --project src/AppHost` adds for a developer; production runs the services without it.</summary>
    public static readonly string[] Tooling = ["AppHost", "Aspire dashboard", "DCP (orchestrator and process monitors)", "project launchers (dotnet run)", "mail catcher"];

    /// <summary>CPU time (clock ticks) of every process of the system by group, PostgreSQL's backends as one group.</summary>
    public static Dictionary<int, (string Group, long Ticks)> CpuByGroup(AppHostProcess system)
    {
        var result = Sample(system).ToDictionary(p => p.Key, p => (p.Value.Group, p.Value.Ticks));
        foreach (var (pid, ticks) in PostgresTicks(system)) result[pid] = ("PostgreSQL (postmaster and every backend)", ticks);
        return result;
    }

    /// <summary>CPU seconds used between two snapshots, by group. A process that started in between counts whole; one that ended is lost (rare).</summary>
    public static Dictionary<string, double> Used(Dictionary<int, (string Group, long Ticks)> before, Dictionary<int, (string Group, long Ticks)> after) =>
        after.GroupBy(p => p.Value.Group)
            .ToDictionary(g => g.Key, g => (double)g.Sum(p => p.Value.Ticks - (before.TryGetValue(p.Key, out var b) ? b.Ticks : 0)));

    public const double TicksPerSecond = 100; // USER_HZ on Linux

    private sealed record Proc(string Group, long Ticks);

    private static Dictionary<int, Proc> Sample(AppHostProcess system)
    {
        var result = new Dictionary<int, Proc>();
        foreach (var pid in system.AllPids())
        {
            var command = ProcessTree.CommandLine(pid);
            if (command.Contains("postgres")) continue; // counted from the cluster's own process tree below
            if (Ticks(pid) is { } ticks) result[pid] = new Proc(Group(system, pid, command), ticks);
        }
        return result;
    }

    /// <summary>The group a process of the running system belongs to, by its command line (the footprint scenario uses it too).</summary>
    public static string Group(AppHostProcess system, int pid, string command) => command switch
    {
        _ when pid == system.Pid => "AppHost",
        _ when command.Contains("Aspire.Dashboard") => "Aspire dashboard",
        _ when command.Contains("/dcp ") || command.EndsWith("/dcp", StringComparison.Ordinal) => "DCP (orchestrator and process monitors)",
        _ when command.StartsWith("dotnet run", StringComparison.Ordinal) => "project launchers (dotnet run)",
        _ when command.Contains("smtp4dev", StringComparison.OrdinalIgnoreCase) => "mail catcher",
        _ when command.Contains("Spbe.") => command.Split(' ', '/').First(c => c.StartsWith("Spbe.", StringComparison.Ordinal)).Replace(".dll", ""),
        _ => "other: " + command.Split(' ')[0],
    };

    /// <summary>The cluster the AppHost started (its postmaster owns the data directory): every backend, the checkpointer, the WAL writer.</summary>
    private static IEnumerable<(int Pid, long Ticks)> PostgresTicks(AppHostProcess system)
    {
        var pidFile = Path.Combine(system.DataDirectory, "postgres", "data", "postmaster.pid");
        if (!File.Exists(pidFile)) yield break;
        int postmaster;
        using (var stream = new FileStream(pidFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(stream))
            postmaster = int.Parse(reader.ReadLine()!, CultureInfo.InvariantCulture);
        foreach (var pid in (int[])[postmaster, .. ProcessTree.Descendants(postmaster)])
            if (Ticks(pid) is { } ticks) yield return (pid, ticks);
    }

    private static long? Ticks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces: fields start after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException) { return null; }
    }

    private static (long Busy, long All) MachineTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = cpu[3] + cpu[4];
        return (cpu.Take(8).Sum() - idle, cpu.Take(8).Sum());
    }
}
