using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Shouldly;
using Spbe.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Spbe.System.Tests;

/// <summary>
/// Each pair of commands that two services used to decide on their own copies of each other's state, fired at once
/// (random 0–100 ms apart) on many requests, against two replicas of every service: every request reaches one outcome
/// in every service within 5 s, and Reporting finds no request whose services disagree.
/// </summary>
[Collection("apphost")]
public sealed class RaceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Iterations = 50, Batch = 10;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    private AspireSystem _host = null!;
    private SystemDriver D = null!;

    public async Task InitializeAsync()
    {
        _host = await AspireSystem.StartAsync("--AppHost:Replicas=2", "--Services:intake:Limits:CommandsPerWindow=1000000",
            "--Services:assignment:Limits:CommandsPerWindow=1000000", "--Services:delivery:Limits:CommandsPerWindow=1000000");
        output.WriteLine($"Two replicas of each service healthy after {_host.TimeToHealthy.TotalSeconds:0.0} s");
        D = new SystemDriver(_host);
        await D.LoginAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A race: how to prepare a request, the two commands, and the outcome the services agree on (null while they do not yet).</summary>
    private sealed record Race(string Name, Func<Task<string>> Prepare, Func<string, Task<HttpResponseMessage>> First,
        Func<string, Task<HttpResponseMessage>> Second, Func<string, Task<string?>> Outcome);

    [Fact]
    public async Task each_race_pair_fired_concurrently_reaches_one_outcome_in_every_service_and_no_anomaly()
    {
        var clock = Stopwatch.StartNew();
        Race[] races =
        [
            new("withdrawal vs team assignment", D.AnalysedAsync,
                id => D.PostAsync($"{D.Intake}/requests/{id}/withdraw", D.Opd, new { reason = "Batal" }),
                id => D.PostAsync($"{D.Assignment}/analyses/{id}/team", D.Kasi, SystemDriver.Team()),
                WithdrawnOrAssigned),
            new("rejection vs withdrawal", D.AnalysedAsync,
                id => D.PostAsync($"{D.Assignment}/analyses/{id}/reject", D.Kasi, new { reason = "Bukan kewenangan" }),
                id => D.PostAsync($"{D.Intake}/requests/{id}/withdraw", D.Opd, new { reason = "Batal" }),
                RejectedOrWithdrawn),
            new("reissued Surat Tugas vs work start", () => D.WorkOrderAsync("awaiting-start"),
                id => D.PostAsync($"{D.Assignment}/analyses/{id}/team", D.Kasi, SystemDriver.Team()),
                id => D.PostAsync($"{D.Delivery}/work-orders/{id}/start", D.Programmer),
                OneTeam),
            new("registration vs withdrawal", D.CompleteAsync,
                id => D.PostAsync($"{D.Intake}/requests/{id}/register", D.Staf),
                id => D.PostAsync($"{D.Intake}/requests/{id}/withdraw", D.Opd, new { reason = "Batal" }),
                RegisteredOrWithdrawn),
        ];

        // Warm-up, not counted: every endpoint and handler of both replicas compiles its code on first use (seconds each
        // on a loaded machine), which is not what these races measure. Two sequential passes of each race, retried.
        var warm = Stopwatch.StartNew();
        foreach (var race in races)
            for (var i = 0; i < 2; i++)
                for (var attempt = 1; ; attempt++)
                {
                    try { await RunAsync(race, new Random(i), 1, new(), new(), TimeSpan.FromSeconds(60)); break; }
                    catch (TaskCanceledException) when (attempt < 3) { }
                }
        output.WriteLine($"warm-up (2 of each race, sequentially) in {warm.Elapsed.TotalSeconds:0.0} s");

        var random = new Random(15);
        var slowest = TimeSpan.Zero;
        foreach (var race in races)
        {
            var outcomes = new ConcurrentDictionary<string, int>();
            var codes = new ConcurrentDictionary<string, int>();
            var raceClock = Stopwatch.StartNew();
            for (var start = 0; start < Iterations; start += Batch)
            {
                var took = await RunAsync(race, random, Batch, outcomes, codes, Settle);
                if (took > slowest) slowest = took;
            }
            output.WriteLine($"{race.Name}: {Iterations} in {raceClock.Elapsed.TotalSeconds:0.0} s; answers {Show(codes)}; outcomes {Show(outcomes)}");
            outcomes.Values.Sum().ShouldBe(Iterations);
        }
        output.WriteLine($"slowest request to settle: {slowest.TotalMilliseconds:0} ms; all races in {clock.Elapsed.TotalSeconds:0} s");

        // Reporting has every message by now (it hears what the others hear); none of these requests' services disagree.
        JsonNode? anomalies = null;
        await D.Eventually(async () => (anomalies = await _host.GetAsync($"{D.Reporting}/audit/anomalies?pageSize=200", D.Auditor)) is not null, "the anomalies");
        anomalies!["total"]!.GetValue<long>().ShouldBe(0, anomalies.ToJsonString());
        foreach (var service in RunningSystem.Services)
        {
            var operatorToken = await _host.TokenAsync("op", "Operator", "operator");
            (await _host.GetAsync($"{_host.Url(service)}/ops/dead-letters", operatorToken))!.AsArray().Count.ShouldBe(0, $"dead letters in {service}");
        }
    }

    /// <summary>
    /// <paramref name="count"/> requests prepared and raced at once, each pair fired 0–100 ms apart (either first), then
    /// each waited for until its services agree, at most <paramref name="settle"/>. Answers the slowest settling.
    /// </summary>
    private async Task<TimeSpan> RunAsync(Race race, Random random, int count, ConcurrentDictionary<string, int> outcomes,
        ConcurrentDictionary<string, int> codes, TimeSpan settle)
    {
        var offsets = Enumerable.Range(0, count).Select(_ => (random.Next(0, 101), random.Next(2) == 0)).ToList();
        var slowest = TimeSpan.Zero;
        await Task.WhenAll(offsets.Select(async o =>
        {
            var id = await race.Prepare();
            var (offset, firstLeads) = o;
            async Task<HttpStatusCode> Fire(Func<string, Task<HttpResponseMessage>> command, int delay)
            {
                await Task.Delay(delay);
                using var response = await command(id);
                return response.StatusCode;
            }
            var both = await Task.WhenAll(Fire(race.First, firstLeads ? 0 : offset), Fire(race.Second, firstLeads ? offset : 0));
            codes.AddOrUpdate($"{(int)both[0]}/{(int)both[1]}", 1, (_, n) => n + 1);
            both.ShouldAllBe(c => c < HttpStatusCode.InternalServerError, race.Name);

            var fired = Stopwatch.StartNew();
            string? outcome = null;
            await _host.WaitUntilAsync(async () => (outcome = await race.Outcome(id)) is not null, settle,
                $"{race.Name}: request {id} reaches one outcome in every service");
            lock (codes) if (fired.Elapsed > slowest) slowest = fired.Elapsed;
            outcomes.AddOrUpdate(outcome!, 1, (_, n) => n + 1);
        }));
        return slowest;
    }

    private static string Show(ConcurrentDictionary<string, int> counts) => string.Join(", ", counts.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}×{kv.Value}"));

    private Task<JsonNode?> Request(string id) => _host.GetAsync($"{D.Intake}/requests/{id}", D.Auditor);
    private Task<JsonNode?> Case(string id) => _host.GetAsync($"{D.Assignment}/analyses/{id}", D.Kasi);
    private Task<JsonNode?> WorkOrder(string id) => _host.GetAsync($"{D.Delivery}/work-orders/{id}", D.Kasi);
    private static string? Text(JsonNode? node, string field) => node?[field]?.GetValue<string>();

    private async Task<bool> NoWorkOrder(string id)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, $"{D.Delivery}/work-orders/{id}", D.Kasi);
        return response.StatusCode == HttpStatusCode.NotFound;
    }

    /// <summary>Withdrawn everywhere (no work order), or assigned everywhere (a work order awaiting its start).</summary>
    private async Task<string?> WithdrawnOrAssigned(string id)
    {
        var (request, @case) = (Text(await Request(id), "status"), Text(await Case(id), "status"));
        if (request == "withdrawn" && @case == "closed" && await NoWorkOrder(id)) return "withdrawn";
        if (request == "team-assigned" && @case == "assigned" && Text(await WorkOrder(id), "status") == "awaiting-start") return "team-assigned";
        return null;
    }

    private async Task<string?> RejectedOrWithdrawn(string id)
    {
        var (request, @case) = (Text(await Request(id), "status"), Text(await Case(id), "status"));
        return (request, @case) switch
        {
            ("rejected", "rejected") => "rejected",
            ("withdrawn", "closed") => "withdrawn",
            _ => null,
        };
    }

    /// <summary>Assignment and Delivery name the same Surat Tugas revision, nothing is pending, and Intake follows Delivery.</summary>
    private async Task<string?> OneTeam(string id)
    {
        var (@case, work, request) = (await Case(id), await WorkOrder(id), Text(await Request(id), "status"));
        if (@case is null || work is null || @case["pendingTeamChange"] is not null || work["heldForRevision"] is not null) return null;
        var revision = @case["team"]!["revision"]!.GetValue<int>();
        if (work["teamRevision"]!.GetValue<int>() != revision || Text(work, "letterNumber") != Text(@case["team"], "letterNumber")) return null;
        var status = Text(work, "status");
        if (status == "in-execution" && request == "in-progress" && @case["workStarted"]!.GetValue<bool>()) return $"started under revision {revision}";
        if (status == "awaiting-start" && request == "team-assigned") return $"reissued as revision {revision}, not started";
        return null;
    }

    /// <summary>
    /// Withdrawn before registration (no case), registered then withdrawn through Assignment (case closed), or registered
    /// with the withdrawal refused as the loser of the race on Intake's stream (409; the case open).
    /// </summary>
    private async Task<string?> RegisteredOrWithdrawn(string id)
    {
        var request = Text(await Request(id), "status");
        using var response = await _host.SendAsync(HttpMethod.Get, $"{D.Assignment}/analyses/{id}", D.Kasi);
        var @case = response.StatusCode == HttpStatusCode.NotFound ? "none" : Text(await Case(id), "status");
        return (request, @case) switch
        {
            ("withdrawn", "none") => "withdrawn before registration",
            ("withdrawn", "closed") => "registered, then withdrawn by Assignment",
            ("registered", "pending") => "registered (the withdrawal lost the race)",
            _ => null,
        };
    }
}
