using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Spbe.Testing;

namespace Spbe.Benchmarks;

public static class Scenarios
{
    private const int Clients = 8;

    /// <summary>
    /// Scenario 1: 8 clients submitting to Intake over loopback HTTP, beside 8 clients doing a bare
    /// one-row INSERT+COMMIT into the same PostgreSQL, each for the same time.
    /// </summary>
    public static async Task SubmitAsync(RunningSystem system, SystemClient client, Report report, TimeSpan duration)
    {
        Console.WriteLine($"submit: baseline, {Clients} clients × INSERT+COMMIT for {duration.TotalSeconds} s …");
        await using var data = await BaselineTableAsync(system);
        var baseline = await RunAsync(duration, async _ => { await BaselineCommitAsync(data); return true; });

        Console.WriteLine($"submit: {Clients} clients × POST /requests for {duration.TotalSeconds} s …");
        var tokens = await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => client.TokenAsync($"bench-clerk-{i}", "opd", "DINKES")));
        var cpuBefore = system is AppHostProcess host ? Idle.CpuByGroup(host) : null;
        var submit = await RunAsync(duration, async worker => { await client.SubmitAsync(tokens[worker]); return true; });
        // Where a submission's cost goes: CPU time of each process over the run, per submission (the 2 cores are the limit).
        var cpu = cpuBefore is not null ? Idle.Used(cpuBefore, Idle.CpuByGroup((AppHostProcess)system)) : [];
        var submissions = submit.Rate * duration.TotalSeconds;

        report.Add("submit", "baseline INSERT+COMMIT rate", baseline.Rate, "ops/s");
        report.Add("submit", "baseline p50 latency", baseline.P50, "ms");
        report.Add("submit", "submit rate", submit.Rate, "requests/s");
        report.Add("submit", "submit p50 latency", submit.P50, "ms");
        report.Add("submit", "submit p99 latency", submit.P99, "ms");
        report.Add("submit", "submit errors", submit.Errors, "count", "0");
        report.Add("submit", "submit rate / baseline rate", submit.Rate / baseline.Rate, "ratio", ">= 0.25");
        foreach (var (group, ticks) in cpu.Where(g => g.Value > 0).OrderByDescending(g => g.Value))
            report.Add("submit", $"CPU per submission: {group}", ticks / Idle.TicksPerSecond * 1000 / submissions, "ms");
    }

    /// <summary>The table of the baselines' bare commits, in the system's own PostgreSQL.</summary>
    private static async Task<NpgsqlDataSource> BaselineTableAsync(RunningSystem system)
    {
        var data = NpgsqlDataSource.Create(system.DatabaseConnectionString);
        await using var create = data.CreateCommand("create table if not exists public.bench_baseline (id bigserial primary key, payload text not null)");
        await create.ExecuteNonQueryAsync();
        return data;
    }

    /// <summary>A one-row INSERT in its own transaction: what any command costs PostgreSQL at least.</summary>
    private static async Task BaselineCommitAsync(NpgsqlDataSource data)
    {
        await using var insert = data.CreateCommand("insert into public.bench_baseline (payload) values ('x')");
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>Scenario 2: requests registered one after another; how soon Assignment and Reporting see each.</summary>
    public static async Task PropagationAsync(SystemClient client, Report report, int count)
    {
        Console.WriteLine($"propagation: {count} registrations, one after another …");
        var opd = await client.TokenAsync("prop-clerk", "opd", "DINKES");
        var staf = await client.TokenAsync("prop-staf", "staf-it");
        var kasi = await client.TokenAsync("prop-kasi", "kasi-aplikasi");
        // Baseline: one HTTP round trip to the same service, which any "seen" check costs at least.
        var roundTrips = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            (await client.SendAsync(HttpMethod.Get, $"{client.Assignment}/alive", opd)).Dispose();
            roundTrips.Add(watch.Elapsed.TotalMilliseconds);
        }
        roundTrips.Sort();
        report.Add("propagation", "baseline: GET /alive round trip p50", Percentile(roundTrips, 0.50), "ms");
        report.Add("propagation", "baseline: GET /alive round trip p99", Percentile(roundTrips, 0.99), "ms");
        // Baseline: one INSERT+COMMIT on the same server, one after each registration (the same disk, the same moment).
        // A message crosses at least two commits after the sender's answer: the receiver takes it into its inbox, then its handler commits.
        await using var data = await BaselineTableAsync(client.System);
        var commits = new List<double>();
        var toAssignment = new List<double>();
        var toReporting = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var commit = Stopwatch.StartNew();
            await BaselineCommitAsync(data);
            commits.Add(commit.Elapsed.TotalMilliseconds);

            var id = await client.SubmitAsync(opd);
            await client.AttachMemoAsync(id, opd);
            using (var registered = await client.SendAsync(HttpMethod.Post, $"{client.Intake}/requests/{id}/register", staf))
                if (registered.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"register: {(int)registered.StatusCode}");
            var clock = Stopwatch.StartNew();
            var a = WaitAsync(clock, async () => (await client.SendAsync(HttpMethod.Get, $"{client.Assignment}/analyses/{id}", kasi)).StatusCode == HttpStatusCode.OK);
            var r = WaitAsync(clock, async () =>
            {
                using var response = await client.SendAsync(HttpMethod.Get, $"{client.Reporting}/timelines/{id}", kasi);
                if (response.StatusCode != HttpStatusCode.OK) return false;
                var steps = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["steps"]!.AsArray();
                return steps.Any(s => s!["step"]!.GetValue<int>() == 2);
            });
            toAssignment.Add(await a);
            toReporting.Add(await r);
        }
        commits.Sort();
        report.Add("propagation", "baseline: one INSERT+COMMIT p50", Percentile(commits, 0.50), "ms");
        report.Add("propagation", "baseline: one INSERT+COMMIT p99", Percentile(commits, 0.99), "ms");
        foreach (var (name, values) in new[] { ("Assignment inbox", toAssignment), ("Reporting timeline", toReporting) })
        {
            values.Sort();
            report.Add("propagation", $"register → {name} p50", Percentile(values, 0.50), "ms", "< 15 ms");
            report.Add("propagation", $"register → {name} p99", Percentile(values, 0.99), "ms", "< 50 ms");
            report.Add("propagation", $"register → {name} max", values[^1], "ms");
        }
    }

    /// <summary>
    /// Scenario 4: resident memory of every process of the running system (after the load above):
    /// each service, and what Aspire adds to run them (the AppHost, DCP, the dashboard, the launchers).
    /// </summary>
    public static void Footprint(AppHostProcess system, Report report)
    {
        static double Megabytes(int pid)
        {
            try
            {
                var rss = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                return double.Parse(rss.Split(':')[1].Trim().Split(' ')[0]) / 1024;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException) { return 0; }
        }

        // Private memory: what the process alone holds (its heap, its JIT code), what stopping it gives back. Resident memory
        // also counts the pages of the .NET runtime and libraries it shares with every other .NET process on the machine.
        static double PrivateMegabytes(int pid)
        {
            try
            {
                return File.ReadLines($"/proc/{pid}/smaps_rollup")
                    .Where(l => l.StartsWith("Private_Clean:", StringComparison.Ordinal) || l.StartsWith("Private_Dirty:", StringComparison.Ordinal))
                    .Sum(l => double.Parse(l.Split(':')[1].Trim().Split(' ')[0])) / 1024;
            }
            catch (IOException) { return 0; }
        }

        foreach (var service in RunningSystem.Services)
            foreach (var pid in system.ServicePids(service))
            {
                report.Add("footprint", $"{service} resident memory", Megabytes(pid), "MB", "< 150 MB");
                report.Add("footprint", $"{service} private memory (not shared with other processes)", PrivateMegabytes(pid), "MB");
            }

        // The services are reported one by one above; the rest by group, PostgreSQL's backends as one.
        string[] services = [.. RunningSystem.Services.Select(s => "Spbe." + char.ToUpperInvariant(s[0]) + s[1..])];
        var groups = system.AllPids()
            .GroupBy(pid => ProcessTree.CommandLine(pid) is var c && c.Contains("postgres") ? "PostgreSQL (all backends)" : Idle.Group(system, pid, c))
            .Where(g => !services.Contains(g.Key) && !g.Key.StartsWith("other: ", StringComparison.Ordinal));
        foreach (var group in groups)
            report.Add("footprint", $"{group.Key} resident memory ({group.Count()} processes)", group.Sum(Megabytes), "MB");
    }

    private static async Task<double> WaitAsync(Stopwatch clock, Func<Task<bool>> visible)
    {
        while (!await visible())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("not visible after 30 s");
            await Task.Delay(2);
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    private sealed record Run(double Rate, double P50, double P99, int Errors);

    private static async Task<Run> RunAsync(TimeSpan duration, Func<int, Task<bool>> operation)
    {
        var latencies = new List<double>[Clients];
        var errors = 0;
        var stop = DateTime.UtcNow + duration;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(100_000);
            var watch = new Stopwatch();
            while (DateTime.UtcNow < stop)
            {
                watch.Restart();
                try { await operation(worker); mine.Add(watch.Elapsed.TotalMilliseconds); }
                catch (Exception) { Interlocked.Increment(ref errors); }
            }
        })));
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new Run(all.Count / total.Elapsed.TotalSeconds, Percentile(all, 0.5), Percentile(all, 0.99), errors);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
