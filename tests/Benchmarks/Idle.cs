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
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static async Task RunAsync(AppHostProcess system, Report report, TimeSpan window)
    {
        // Start-up work (schema checks, first health probes, the dashboard's first page) is not idle cost.
        Console.WriteLine($"idle: settling 20 s, then measuring {window.TotalSeconds} s with nothing sent …");
        await Task.Delay(TimeSpan.FromSeconds(20));

        var before = Sample(system);
        var machineBefore = MachineTicks();
        var postgresBefore = PostgresTicks(system);
        await Task.Delay(window);
        var after = Sample(system);
        var machineAfter = MachineTicks();
        var postgresAfter = PostgresTicks(system);
        var seconds = window.TotalSeconds;

        // A process that started in the window counts whole (a new PostgreSQL backend); one that ended is lost (rare when idle).
        var byGroup = after
            .GroupBy(p => p.Value.Group)
            .Select(g => (Group: g.Key, Ticks: g.Sum(p => p.Value.Ticks - (before.TryGetValue(p.Key, out var b) ? b.Ticks : 0))))
            .OrderByDescending(g => g.Ticks)
            .ToList();
        var postgres = postgresAfter - postgresBefore;
        var total = byGroup.Sum(g => g.Ticks) + postgres;

        report.Add("idle", "baseline: machine busy cores in the same window (everything running here)",
            (machineAfter.Busy - machineBefore.Busy) / TicksPerSecond / seconds, "cores");
        report.Add("idle", $"whole system, PostgreSQL included, averaged over {seconds:0} s", total / TicksPerSecond / seconds, "cores", "< 0.02 cores");
        report.Add("idle", "PostgreSQL (postmaster and every backend)", postgres / TicksPerSecond / seconds, "cores");
        foreach (var (group, ticks) in byGroup)
            report.Add("idle", group, ticks / TicksPerSecond / seconds, "cores");
    }

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

    private static string Group(AppHostProcess system, int pid, string command) => command switch
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
    private static long PostgresTicks(AppHostProcess system)
    {
        var pidFile = Path.Combine(system.DataDirectory, "postgres", "data", "postmaster.pid");
        if (!File.Exists(pidFile)) return 0;
        using var stream = new FileStream(pidFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var postmaster = int.Parse(reader.ReadLine()!, CultureInfo.InvariantCulture);
        return ((int[])[postmaster, .. ProcessTree.Descendants(postmaster)]).Sum(p => Ticks(p) ?? 0);
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
