using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Shouldly;
using Aspire.Hosting.ApplicationModel;
using Spbe.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Spbe.System.Tests;

/// <summary>
/// Requests driven through all six steps against two replicas of every service while service processes are SIGKILLed
/// at random and PostgreSQL is restarted: at the end every request is where it should be in every service, every
/// message is in the audit log exactly once, no message is dead, and the register, letter and Berita Acara numbers
/// are unique and gap-free.
/// </summary>
[Collection("apphost")]
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Requests = 200, Workers = 20, MinimumKills = 12, MaximumKills = 14;

    /// <summary>
    /// How long a message can wait after a kill: what a SIGKILLed process held (its inbox, its outbox) is released only
    /// once Wolverine ejects the dead node, when its heartbeat is older than StaleNodeTimeout (1 min) on two health checks
    /// (every 10 s), and the next orphan sweep (5 s) hands it to the twin. Kills go on while the results are read.
    /// </summary>
    private static readonly TimeSpan Recovery = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task requests_complete_with_nothing_lost_or_duplicated_while_services_are_killed_and_postgresql_restarts()
    {
        // Reporting mails its notices to an SMTP server inside this test, which counts them.
        await using var smtp = new TestSmtpServer();
        await using var host = await AspireSystem.StartAsync("--AppHost:Replicas=2", "--Services:intake:Limits:CommandsPerWindow=1000000",
            "--Services:assignment:Limits:CommandsPerWindow=1000000", "--Services:delivery:Limits:CommandsPerWindow=1000000",
            "--AppHost:MailCatcher=false", "--Services:reporting:Notifications:Smtp:Host=127.0.0.1", $"--Services:reporting:Notifications:Smtp:Port={smtp.Port}",
            "--Services:reporting:Notifications:Smtp:Security=none", "--Services:reporting:Notifications:Directory:Opds:DINKES:0=sekretariat@dinkes.test",
            "--Services:reporting:Notifications:Directory:People:0:UserId=staf-01", "--Services:reporting:Notifications:Directory:People:0:Email=budi@diskominfotik.test",
            "--Services:reporting:Notifications:Directory:People:0:Roles:0=staf-it",
            "--Services:reporting:Notifications:Directory:People:1:UserId=kasi-01", "--Services:reporting:Notifications:Directory:People:1:Email=dewi@diskominfotik.test",
            "--Services:reporting:Notifications:Directory:People:1:Roles:0=kasi-aplikasi");
        output.WriteLine($"Two replicas of each service healthy after {host.TimeToHealthy.TotalSeconds:0.0} s");
        var d = new SystemDriver(host);
        await d.LoginAsync();
        var clock = Stopwatch.StartNew();

        // Chaos: a random service SIGKILLed each 1-2 s while the system is otherwise healthy (so every kill
        // lands on a working system), PostgreSQL restarted once halfway, up to MaximumKills.
        var kills = 0;
        var reportingKills = 0;
        var pgRestarts = 0;
        var chaos = Task.Run(async () =>
        {
            var random = new Random(2026);
            var services = new[] { "intake", "assignment", "delivery", "reporting" };
            while (kills < MaximumKills)
            {
                await Task.Delay(random.Next(1000, 2000));
                await host.WaitUntilAsync(host.AllHealthyAsync, TimeSpan.FromSeconds(90), "all healthy before the next kill");
                if (kills == MaximumKills / 2 && pgRestarts == 0)
                {
                    await RestartPostgresAsync(host);
                    pgRestarts++;
                    continue;
                }
                // One process of one service: with two replicas its twin goes on serving.
                var victim = services[random.Next(services.Length)];
                var pids = host.ServicePids(victim);
                if (pids.Count > 0 && pids[random.Next(pids.Count)] is var pid and > 0)
                {
                    ProcessTree.Signal(pid, ProcessTree.SigKill);
                    kills++;
                    if (victim == "reporting") reportingKills++;
                }
            }
        });

        var expected = new ConcurrentDictionary<string, string[]>();
        var queue = new ConcurrentQueue<int>(Enumerable.Range(0, Requests));
        var drivers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var n))
            {
                var (id, messages) = await DriveAsync(d, n);
                expected[id] = messages;
            }
        })).ToList();
        // A restart that failed says so at once, not after every driver's four-minute wait on a database that is down.
        var driven = Task.WhenAll(drivers);
        if (await Task.WhenAny(driven, chaos) == chaos) await chaos;
        await driven;
        output.WriteLine($"{Requests} requests driven in {clock.Elapsed.TotalSeconds:0} s with {kills} kills and {pgRestarts} PostgreSQL restart");

        // Every service healthy again, then every request in its final state everywhere, with the numbers it was given.
        await host.WaitUntilAsync(host.AllHealthyAsync, TimeSpan.FromSeconds(120), "all services healthy after the chaos");
        var registerNumbers = new List<string>();
        var letterNumbers = new List<string>();
        var beritaAcaraNumbers = new List<string>();
        var slowest = TimeSpan.Zero;
        async Task Eventually(Func<Task<bool>> condition, string what)
        {
            var waited = Stopwatch.StartNew();
            await host.WaitUntilAsync(condition, Recovery, what, () => EnvelopesAsync(host));
            if (waited.Elapsed > slowest) slowest = waited.Elapsed;
        }
        foreach (var id in expected.Keys)
        {
            JsonNode? request = null, @case = null, work = null;
            await Eventually(async () => (request = await host.GetAsync($"{d.Intake}/requests/{id}", d.Auditor))?["status"]?.GetValue<string>() == "completed", $"{id} completed in Intake");
            await Eventually(async () => (@case = await host.GetAsync($"{d.Assignment}/analyses/{id}", d.Kasi))?["status"]?.GetValue<string>() == "assigned", $"{id} assigned in Assignment");
            await Eventually(async () => (work = await host.GetAsync($"{d.Delivery}/work-orders/{id}", d.Kasi))?["status"]?.GetValue<string>() == "completed", $"{id} completed in Delivery");
            registerNumbers.Add(request!["number"]!.GetValue<string>());
            letterNumbers.Add(@case!["team"]!["letterNumber"]!.GetValue<string>());
            foreach (var round in work!["rounds"]!.AsArray())
                foreach (var check in new[] { round!["internalCheck"], round["ownerCheck"] })
                    if (check?["beritaAcaraNumber"]?.GetValue<string>() is { } ba) beritaAcaraNumbers.Add(ba);
            beritaAcaraNumbers.Add(work["handover"]!["beritaAcaraNumber"]!.GetValue<string>());
        }
        // This system numbered nothing else: each series is 1..N, each number once.
        GapFree("register", registerNumbers, n => n.Split('/')[^1]);
        GapFree("Surat Tugas", letterNumbers, n => n.Split('/')[1]);
        GapFree("Berita Acara", beritaAcaraNumbers, n => n.Split('/')[1]);

        // The audit log: each integration message exactly once.
        var lost = 0;
        var duplicated = 0;
        foreach (var (id, messages) in expected)
        {
            string[] types = [];
            await Eventually(async () =>
            {
                var page = await host.GetAsync($"{d.Reporting}/audit?requestId={id}&limit=200", d.Auditor);
                types = page?["items"]?.AsArray().Select(i => i!["type"]!.GetValue<string>()).ToArray() ?? [];
                return types.Length >= messages.Length;
            }, $"the audit entries of {id} (expected {string.Join(", ", messages)}; have {string.Join(", ", types)})");
            var counted = types.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
            foreach (var group in messages.GroupBy(t => t))
            {
                var have = counted.GetValueOrDefault(group.Key);
                lost += Math.Max(0, group.Count() - have);
                duplicated += Math.Max(0, have - group.Count());
            }
        }
        var entries = expected.Values.Sum(m => m.Length);
        output.WriteLine($"{entries} integration messages expected in the audit log: {lost} lost, {duplicated} duplicated; the longest wait for a result {slowest.TotalSeconds:0.0} s");
        lost.ShouldBe(0);
        duplicated.ShouldBe(0);

        foreach (var service in new[] { "intake", "assignment", "delivery", "reporting" })
        {
            var operatorToken = await host.TokenAsync("op", "Operator", "operator");
            JsonNode? letters = null;
            await d.Eventually(async () => (letters = await host.GetAsync($"{host.Url(service)}/ops/dead-letters", operatorToken)) is not null, $"{service} answering");
            letters!.AsArray().Count.ShouldBe(0, $"dead letters in {service}");
        }
        (await host.GetAsync($"{d.Reporting}/audit/verify", d.Auditor))!["ok"]!.GetValue<bool>().ShouldBeTrue();
        await NoNoticeLostOrMailedTwiceAsync(host, d, smtp, expected.Count, reportingKills);
        kills.ShouldBeGreaterThanOrEqualTo(MinimumKills);
        pgRestarts.ShouldBe(1);
    }

    /// <summary>
    /// Every notice Reporting decided was mailed, none lost (counted at the SMTP server by the notice each mail carries), at
    /// least seven per request: Staf IT, the OPD (registered, team, ready for its check, handed over), the Kasi (registered,
    /// accepted). None twice as a person sees it: a mail the server received again (Reporting killed after the server
    /// accepted it and before its sent marker was committed, the one window SMTP leaves) carries the same Message-ID, which
    /// mail stores de-duplicate by; such resends are counted and printed, and can only come from kills of Reporting.
    /// </summary>
    private async Task NoNoticeLostOrMailedTwiceAsync(RunningSystem host, SystemDriver d, TestSmtpServer smtp, int requests, int reportingKills)
    {
        await using var database = Npgsql.NpgsqlDataSource.Create(host.DatabaseConnectionString);
        async Task<List<(string Id, string? Status)>> NoticesAsync()
        {
            var notices = new List<(string, string?)>();
            await using var cmd = database.CreateCommand("select id, data->>'mailStatus' from reporting.mt_doc_notice");
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) notices.Add((r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)));
            return notices;
        }
        var notices = new List<(string Id, string? Status)>();
        await d.Eventually(async () => (notices = await NoticesAsync()).All(n => n.Status is not null), "every notice mailed");
        var sent = notices.Where(n => n.Status == "sent").Select(n => n.Id).ToList();
        var received = smtp.Mails.GroupBy(m => m.NoticeId ?? "").ToDictionary(g => g.Key, g => g.ToList());
        var lost = sent.Count(id => !received.ContainsKey(id));
        var resent = received.Values.Count(mails => mails.Count > 1);
        var twiceAsSeen = received.Values.Count(mails => mails.Select(m => m.MessageId).Distinct().Count() > 1);
        output.WriteLine($"{notices.Count} notices, {sent.Count} mailed; {smtp.Mails.Count} mails at the SMTP server: {lost} lost, " +
            $"{resent} received again with the same Message-ID (Reporting killed {reportingKills} times), {twiceAsSeen} twice with different ones");
        lost.ShouldBe(0);
        twiceAsSeen.ShouldBe(0);
        resent.ShouldBeLessThanOrEqualTo(reportingKills);
        received.Keys.Except(sent).ShouldBeEmpty("mails of no notice");
        sent.Count.ShouldBeGreaterThanOrEqualTo(requests * 7);
    }

    /// <summary>Where the messages wait: each service's envelopes by owner node, and the nodes Wolverine knows as alive.</summary>
    private static async Task<string> EnvelopesAsync(RunningSystem host)
    {
        try
        {
            await using var database = Npgsql.NpgsqlDataSource.Create(host.DatabaseConnectionString);
            var lines = new StringBuilder("Envelopes by owner (0 = anyone's) and the live nodes:\n");
            foreach (var service in new[] { "intake", "assignment", "delivery", "reporting" })
            {
                await using var cmd = database.CreateCommand(
                    $"select 'incoming ' || status || ' owner ' || owner_id || ': ' || count(*) from {service}_messages.wolverine_incoming_envelopes group by status, owner_id " +
                    $"union all select 'outgoing owner ' || owner_id || ': ' || count(*) from {service}_messages.wolverine_outgoing_envelopes group by owner_id " +
                    $"union all select 'node ' || node_number || ' heartbeat ' || to_char(health_check, 'HH24:MI:SS') from {service}_messages.wolverine_nodes");
                await using var r = await cmd.ExecuteReaderAsync();
                var rows = new List<string>();
                while (await r.ReadAsync()) rows.Add(r.GetString(0));
                lines.Append(service).Append(": ").AppendJoin("; ", rows).Append('\n');
            }
            return lines.ToString();
        }
        catch (Npgsql.NpgsqlException e) { return $"(envelopes not readable: {e.Message})"; }
    }

    private void GapFree(string series, List<string> numbers, Func<string, string> sequence)
    {
        var seqs = numbers.Select(n => int.Parse(sequence(n), global::System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        output.WriteLine($"{series} numbers: {seqs.Count}, {seqs.Distinct().Count()} distinct, from {seqs.FirstOrDefault()} to {seqs.LastOrDefault()}");
        seqs.ShouldBe(Enumerable.Range(1, seqs.Count).ToList(), $"the {series} numbers are unique and gap-free");
    }

    /// <summary>One request through all six steps, with a failed internal check every 5th and a requested revision every 7th; retried through outages.</summary>
    private static async Task<(string Id, string[] Messages)> DriveAsync(SystemDriver d, int n)
    {
        var title = $"Chaos {n} {Guid.NewGuid():N}";
        var form = JsonSerializer(title);
        var id = await Retry(async () =>
        {
            // A submit whose answer was lost may have happened: look before submitting again.
            var found = await d.Host.GetAsync($"{d.Intake}/requests?q={Uri.EscapeDataString(title)}", d.Auditor);
            if (found?["items"]?.AsArray().FirstOrDefault() is { } existing) return existing["id"]!.GetValue<string>();
            using var response = await d.Host.SendAsync(HttpMethod.Post, $"{d.Intake}/requests", d.Opd, new StringContent(form, Encoding.UTF8, "application/json"));
            return response.StatusCode == HttpStatusCode.Created ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>() : null;
        });
        await Retry(async () =>
        {
            var view = await d.Host.GetAsync($"{d.Intake}/requests/{id}", d.Opd);
            if (view?["attachments"]?.AsArray().Count > 0) return "done";
            var memo = new MultipartFormDataContent
            {
                { new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n")), "file", "nota.pdf" },
                { new StringContent("request-memo"), "kind" },
            };
            using var response = await d.Host.SendAsync(HttpMethod.Post, $"{d.Intake}/requests/{id}/attachments", d.Opd, memo);
            return response.StatusCode == HttpStatusCode.Created ? "done" : null;
        });

        var messages = new List<string> { "request-submitted" };
        await Step(d, $"{d.Intake}/requests/{id}/register", d.Staf, null, async () => (await d.Host.GetAsync($"{d.Intake}/requests/{id}", d.Opd))?["status"]?.GetValue<string>() is { } s ? s != "submitted" : null);
        messages.Add("request-registered");
        await Step(d, $"{d.Assignment}/analyses/{id}/result", d.Kasi, SystemDriver.Analysis, async () => (await d.Host.GetAsync($"{d.Assignment}/analyses/{id}", d.Kasi))?["status"]?.GetValue<string>() is { } s ? s is "analysed" or "assigned" : null);
        await Step(d, $"{d.Assignment}/analyses/{id}/team", d.Kasi, SystemDriver.Team(), async () => (await d.Host.GetAsync($"{d.Assignment}/analyses/{id}", d.Kasi))?["status"]?.GetValue<string>() is { } s ? s == "assigned" : null);
        messages.Add("team-assigned");

        var failCheck = n % 5 == 0;
        var askRevision = n % 7 == 0;
        for (var round = 1; ; round++)
        {
            var r = round;
            // The round, an empty object while it is not there yet, or null while the work order cannot be read.
            async Task<JsonNode?> Round() => (await d.Host.GetAsync($"{d.Delivery}/work-orders/{id}", d.Kasi))?["rounds"]?.AsArray() is { } rounds
                ? rounds.FirstOrDefault(x => x!["number"]!.GetValue<int>() == r) ?? new JsonObject() : null;
            await Step(d, $"{d.Delivery}/work-orders/{id}/start", d.Programmer, null, async () => await Round() is { } x ? x["startedAt"] is not null : null);
            messages.Add("work-started");
            await Step(d, $"{d.Delivery}/work-orders/{id}/report", d.Programmer, new { summary = "x", changes = "y" }, async () => await Round() is { } x ? x["report"] is not null : null);
            messages.Add("execution-reported");
            var passes = !(failCheck && round == 1);
            await Step(d, $"{d.Delivery}/work-orders/{id}/internal-check", d.Security,
                passes ? new { result = "passed", findings = Array.Empty<object>() } : new { result = "failed", findings = new object[] { new { severity = "high", description = "SQLi" } } },
                async () => await Round() is { } x ? x["internalCheck"] is not null : null);
            messages.Add("internal-check-completed");
            if (!passes) continue;
            var accepts = !(askRevision && round <= 2);
            await Step(d, $"{d.Delivery}/work-orders/{id}/owner-check", d.Opd,
                accepts ? new { result = "accepted", findings = Array.Empty<object>() } : new { result = "revision-requested", findings = new object[] { new { severity = "low", description = "Typo" } } },
                async () => await Round() is { } x ? x["ownerCheck"] is not null : null);
            messages.Add("owner-check-completed");
            if (accepts) break;
        }
        await Step(d, $"{d.Delivery}/work-orders/{id}/handover", d.Kasi, SystemDriver.Handover,
            async () => (await d.Host.GetAsync($"{d.Delivery}/work-orders/{id}", d.Kasi))?["status"]?.GetValue<string>() is { } s ? s == "completed" : null);
        messages.Add("request-handed-over");
        return (id, [.. messages]);
    }

    /// <summary>
    /// A command retried through outages until <paramref name="done"/> says it took effect (a 409 after a lost
    /// answer means it did). While the state cannot be read (<paramref name="done"/> answers null: the service
    /// is down), nothing is sent again: a second Surat Tugas, for one, is a reissue, not a retry.
    /// </summary>
    private static async Task Step(SystemDriver d, string url, string token, object? body, Func<Task<bool?>> done)
    {
        // What the last attempt saw, so that a step that never takes effect says why.
        var last = "nothing tried";
        await Retry(async () =>
        {
            switch (await done())
            {
                case true: return "done";
                case null: last = $"the state could not be read ({d.Host.LastFailedRead})"; return null;
            }
            using var response = await d.PostAsync(url, token, body);
            if (response.IsSuccessStatusCode) return "done";
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            return null;
        }, () => $"POST {url}: last {last}\n{d.Host.Diagnostics()}");
    }

    private static async Task<string> Retry(Func<Task<string?>> attempt, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            try { if (await attempt() is { } result) return result; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or NullReferenceException or InvalidOperationException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"a step did not take effect within 4 minutes ({describe?.Invoke() ?? "?"})");
            await Task.Delay(200);
        }
    }

    private static string JsonSerializer(string title) => global::System.Text.Json.JsonSerializer.Serialize(new
    {
        title, category = "fix", applicationName = "SIMPUS", description = "Laporan bulanan gagal dicetak",
        requestMemo = new { number = "005/1/DINKES/2026", date = "2026-01-05", signedBy = new { name = "dr. Andi", nip = SystemDriver.Nip } },
        contact = new { name = "Siti", phone = "0812", email = "siti@dinkes.go.id" },
    });

    // As an operator would from the dashboard: the server stops (a fast shutdown, immediate after 4 s) and starts again.
    private async Task RestartPostgresAsync(AspireSystem host) =>
        await host.CommandAndWaitAsync("postgres", KnownResourceCommands.RestartCommand, output);
}
