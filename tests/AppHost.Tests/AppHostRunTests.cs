using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Shouldly;
using Spbe.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Spbe.AppHost.Tests;

/// <summary>
/// The AppHost as `dotnet run --project src/AppHost` runs it, a real process with DCP and the Aspire
/// dashboard: what operators see in the dashboard, and that stopping or killing it leaves nothing
/// that blocks the next start.
/// </summary>
[CollectionDefinition("apphost", DisableParallelization = true)]
public sealed class AppHostCollection;

[Collection("apphost")]
public sealed class AppHostRunTests(ITestOutputHelper output)
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task the_dashboard_shows_every_service_running_and_one_trace_of_a_registration_across_intake_and_assignment()
    {
        await using var host = await AppHostProcess.StartAsync();
        output.WriteLine($"AppHost: every resource healthy after {host.TimeToHealthy.TotalSeconds:0.0} s; dashboard {host.Dashboard}");
        var d = new SystemDriver(host);
        await d.LoginAsync();
        var id = await d.CompleteAsync();
        await d.ExpectAsync($"{d.Intake}/requests/{id}/register", d.Staf, null, HttpStatusCode.OK);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.Path,
            Args = Chromium.Arguments,
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        Directory.CreateDirectory(Screenshots);

        // Resources: every service Running, none unhealthy (a failing health check shows on the state).
        await page.GotoAsync(host.Dashboard);
        // The dashboard is a Blazor Server app: on a loaded machine its circuit can fail while the page loads (seen once in CI:
        // "An unhandled error has occurred", no resources listed). An operator presses Reload; so does the test, once,
        // and says so with what the AppHost logged, so that a dashboard that keeps failing still fails the test.
        var errorUi = page.GetByText("An unhandled error has occurred.");
        var rows = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTitle("Project: intake", new() { Exact = true }) });
        await Assertions.Expect(errorUi.Or(rows).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        if (await errorUi.IsVisibleAsync())
        {
            output.WriteLine("The dashboard showed its error UI; reloading once. What the AppHost logged:\n" +
                string.Join('\n', host.Output.Split('\n').Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception")).TakeLast(30)));
            await page.ReloadAsync();
        }
        foreach (var service in RunningSystem.Services)
        {
            var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTitle($"Project: {service}", new() { Exact = true }) });
            await Assertions.Expect(row.GetByTitle("Running", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            (await row.InnerHTMLAsync()).ShouldNotContain("Unhealthy");
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "dashboard-resources.png") });

        // Traces: the registration's trace holds spans of Intake (the HTTP command) and Assignment (its handler, through the queue).
        // Services export telemetry in batches: wait until the dashboard has the whole trace, then look at it as an operator would.
        // (Nothing polls the services meanwhile: every poll would be a trace of its own, and the dashboard's API answers the newest 100.)
        try
        {
            await host.WaitUntilAsync(async () => await RegistrationTraceServicesAsync(host) is { } services && services.Contains("assignment"),
                TimeSpan.FromSeconds(120), "the registration's trace with Assignment's spans in the dashboard");
        }
        catch (TimeoutException e)
        {
            var traces = await host.Http.GetStringAsync($"{host.Dashboard}/api/telemetry/traces");
            throw new TimeoutException($"{e.Message}\nThe dashboard's traces: {traces[..Math.Min(traces.Length, 20000)]}", e);
        }
        await page.GotoAsync($"{host.Dashboard}/traces");
        var trace = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "intake: POST /requests/{id}/register" });
        await Assertions.Expect(trace).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(trace.GetByTitle("assignment spans", new() { Exact = false })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(trace.GetByTitle("intake spans", new() { Exact = false })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "dashboard-traces.png") });
    }

    [Fact]
    public async Task stopping_or_killing_the_apphost_leaves_no_process_behind_and_the_next_start_goes_on()
    {
        var data = Path.Combine(Path.GetTempPath(), $"spbe-apphost-restart-{Guid.NewGuid():N}");
        var port = Spbe.Hosting.LocalPorts.Free();
        try
        {
            // Ctrl+C (SIGTERM): the AppHost, DCP, the services and PostgreSQL all end.
            await using (var first = await AppHostProcess.StartAsync(data, port))
            {
                output.WriteLine($"fresh data directory: every resource healthy after {first.TimeToHealthy.TotalSeconds:0.0} s");
                // The server is not under the AppHost's processes (run.sh keeps it out of DCP's process tree), so it is named.
                var postmaster = Postmaster(data);
                ProcessTree.IsRunning(postmaster).ShouldBeTrue();
                IReadOnlyList<int> pids = [.. first.AllPids(), postmaster];
                foreach (var service in RunningSystem.Services) first.ServicePids(service).ShouldHaveSingleItem().ShouldBeOneOf([.. pids]);

                (await first.StopAsync()).ShouldBe(0);
                // DCP finishes stopping what it started a few seconds after the AppHost has exited.
                await GoneAsync(pids, TimeSpan.FromSeconds(60));
            }

            // A kill -9 of the AppHost and of its orchestrator: DCP's monitors end what it started, and when run.sh goes,
            // the keeper it started shuts the PostgreSQL server down, so nothing is left holding the data or the port.
            var second = await AppHostProcess.StartAsync(data, port);
            output.WriteLine($"warm data directory: every resource healthy after {second.TimeToHealthy.TotalSeconds:0.0} s");
            var stale = Postmaster(data);
            IReadOnlyList<int> orphans = [.. second.AllPids(), stale];
            second.Kill();
            if (second.OrchestratorPid is { } dcp) ProcessTree.Signal(dcp, ProcessTree.SigKill);
            try
            {
                await GoneAsync(orphans, TimeSpan.FromSeconds(60));

                // The next start on the same data and port goes on from there.
                await using var third = await AppHostProcess.StartAsync(data, port);
                output.WriteLine($"after a killed run: every resource healthy after {third.TimeToHealthy.TotalSeconds:0.0} s");
                Postmaster(data).ShouldNotBe(stale);
            }
            finally
            {
                foreach (var pid in orphans.Where(ProcessTree.IsRunning)) ProcessTree.Signal(pid, ProcessTree.SigKill);
            }
        }
        finally
        {
            await AppHostProcess.RemoveDataAsync(data);
        }
    }

    /// <summary>The services with spans in the trace whose root is Intake's registration, from the dashboard's telemetry API.</summary>
    private static async Task<HashSet<string>?> RegistrationTraceServicesAsync(AppHostProcess host)
    {
        var body = await host.Http.GetStringAsync($"{host.Dashboard}/api/telemetry/traces");
        var spans = JsonNode.Parse(body)!["data"]!["resourceSpans"]!.AsArray()
            .SelectMany(r => r!["scopeSpans"]!.AsArray().SelectMany(s => s!["spans"]!.AsArray())
                .Select(span => (Service: AppHostProcess.OtlpAttribute(r["resource"], "service.name"),
                    Trace: span!["traceId"]!.GetValue<string>(), Name: span["name"]!.GetValue<string>(), Root: span["parentSpanId"] is null || span["parentSpanId"]!.GetValue<string>() == "")))
            .ToList();
        var root = spans.FirstOrDefault(s => s.Root && s.Service == "intake" && s.Name == "POST /requests/{id}/register");
        return root.Trace is null ? null : spans.Where(s => s.Trace == root.Trace).Select(s => s.Service ?? "").ToHashSet();
    }

    private static async Task GoneAsync(IReadOnlyList<int> pids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (pids.Any(ProcessTree.IsRunning) && DateTime.UtcNow < deadline) await Task.Delay(100);
        pids.Where(ProcessTree.IsRunning).Select(pid => $"{pid} {ProcessTree.CommandLine(pid)}").ShouldBeEmpty("processes still running");
    }

    private static int Postmaster(string data) =>
        int.Parse(File.ReadLines(Path.Combine(data, "postgres", "data", "postmaster.pid")).First());
}
