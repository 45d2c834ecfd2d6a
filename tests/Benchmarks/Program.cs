using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Spbe.Benchmarks;
using Spbe.Testing;

// On demand, never in the test suite:
//   dotnet run -c Release --project tests/Benchmarks -- submit|propagation|queries|portal|footprint|all [--seconds 20] [--requests 500] [--seed 100000]
//       [--audit-entries 1500000] (queries: the log is topped up to that many entries for a second /audit/verify measure)
//       [--keep-data] (leave the data directory, PostgreSQL's included, for EXPLAIN ANALYZE after the run)
//   dotnet run -c Release --project tests/Benchmarks -- idle [--idle-seconds 60] [--settle-seconds 60] [--requests 200]   (idle cost, then propagation at that cost)
//   … [--AppHost:Name=value] [--Services:intake:Messaging:QueuePollingInterval=00:00:00.050]   (settings passed to the AppHost)
//   dotnet run -c Release --project tests/Benchmarks -- verify [--audit-entries 1500000]   (/audit/verify alone, the log loaded with COPY)
//   dotnet run -c Release --project tests/Benchmarks -- documents [--renders 500]   (in process, no system started)
// Every figure is measured beside a baseline in the same run: the machine is shared and noisy.
var scenario = args.FirstOrDefault() ?? "all";
var seconds = Option("--seconds", 20);
var requests = Option("--requests", 500);
var seedCount = Option("--seed", 100_000);
var auditEntries = Option("--audit-entries", 1_500_000);
var keepData = args.Contains("--keep-data");
var known = new[] { "verify", "idle", "submit", "propagation", "queries", "portal", "footprint", "documents", "all" };
if (!known.Contains(scenario))
{
    Console.Error.WriteLine($"Unknown scenario '{scenario}'. One of: {string.Join(", ", known)}.");
    return 2;
}

var report = new Report(scenario);
if (scenario == "documents")
{
    Console.WriteLine($"Rendering documents in process ({Environment.ProcessorCount} cores) …");
    DocumentRendering.Run(report, Option("--renders", 500));
    report.Print();
    report.Save();
    return 0;
}
Console.WriteLine($"Starting the system (AppHost, {Environment.ProcessorCount} cores) …");
var data = Path.Combine(Path.GetTempPath(), $"spbe-bench-{Guid.NewGuid():N}");
// Settings given on the command line (--AppHost:…=…, --Services:…=…) reach the AppHost: a "before" run with old settings.
var systemSettings = args.Where(a => a.StartsWith("--AppHost:", StringComparison.Ordinal) || a.StartsWith("--Services:", StringComparison.Ordinal)).ToArray();
await using (var system = await AppHostProcess.StartAsync(data, null, [
    // Benchmark clients are few users sending many commands: lift the per-user limit for them.
    "--Services:intake:Limits:CommandsPerWindow=100000000",
    "--Services:assignment:Limits:CommandsPerWindow=100000000",
    .. systemSettings]))
{
    report.Add("footprint", "AppHost start to all healthy (fresh data directory, initdb included)", system.TimeToHealthy.TotalSeconds, "s", target: "< 20 s");
    var client = new SystemClient(system);
    // Not before verify: messages the warm-up sends would be sealed by Reporting while the log is loaded after its head.
    if (scenario != "verify") await client.WarmUpAsync();

    if (scenario is "verify") await AuditVerify.RunAsync(client, system, report, auditEntries);
    if (scenario is "idle")
    {
        await Idle.RunAsync(system, report, TimeSpan.FromSeconds(Option("--idle-seconds", 60)), TimeSpan.FromSeconds(Option("--settle-seconds", 60)));
        await Scenarios.PropagationAsync(client, report, Option("--requests", 200));
    }
    if (scenario is "submit" or "all" or "footprint") await Scenarios.SubmitAsync(system, client, report, TimeSpan.FromSeconds(seconds));
    if (scenario is "propagation" or "all") await Scenarios.PropagationAsync(client, report, requests);
    if (scenario is "footprint" or "all") Scenarios.Footprint(system, report);
    if (scenario is "queries" or "portal" or "all")
    {
        var seeded = await Queries.SeedAsync(client, report, seedCount);
        if (scenario is "queries" or "all") await Queries.RunAsync(client, report, seeded, auditEntries);
        if (scenario is "portal" or "all") await PortalPages.RunAsync(system, report, seeded);
    }
}

if (scenario is "footprint" or "all" or "idle")
{
    // A second start finds its data: the time an operator waits after a restart.
    await using var again = await AppHostProcess.StartAsync(data, null, systemSettings);
    report.Add("footprint", "AppHost start to all healthy (warm data directory)", again.TimeToHealthy.TotalSeconds, "s", target: "< 5 s");
}
if (keepData) Console.WriteLine($"Data kept in {data}");
else await AppHostProcess.RemoveDataAsync(data);

report.Print();
report.Save();
return 0;

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}
