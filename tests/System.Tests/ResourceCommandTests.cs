using Aspire.Hosting.ApplicationModel;
using Shouldly;
using Spbe.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Spbe.System.Tests;

/// <summary>
/// The dashboard's Restart, Stop and Start on every resource, as an operator uses them: each one comes back healthy
/// every time, and the system serves again after each (a request registered and read back). PostgreSQL's archiver is
/// given a command that hangs, so its fast shutdown cannot finish, as a busy server's checkpoint on a slow disk could
/// not in CI: the stop must still end within DCP's grace (SIGTERM, SIGKILL 6 s later) and Aspire's 15 s for a Stop.
/// </summary>
[Collection("apphost")]
public sealed class ResourceCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task postgresql_and_each_service_come_back_after_repeated_restarts_and_a_stop_then_start()
    {
        await using var host = await AspireSystem.StartAsync("--AppHost:PostgresSettings:archive_mode=on",
            "--AppHost:PostgresSettings:archive_command=sleep 3600");
        var d = new SystemDriver(host);
        await d.LoginAsync();
        try
        {
            for (var round = 1; round <= 3; round++)
            {
                await WalToArchiveAsync(host);
                await host.CommandAndWaitAsync("postgres", KnownResourceCommands.RestartCommand, output);
                await ServesAsync(host, d, $"after PostgreSQL's restart {round}");
                AloneInItsProcessTree(host);
            }
            await WalToArchiveAsync(host);
            await host.CommandAndWaitAsync("postgres", KnownResourceCommands.StopCommand, output);
            await host.CommandAndWaitAsync("postgres", KnownResourceCommands.StartCommand, output);
            await ServesAsync(host, d, "after PostgreSQL's stop and start");
            foreach (var service in RunningSystem.Services)
                for (var round = 1; round <= 2; round++)
                {
                    await host.CommandAndWaitAsync(service, KnownResourceCommands.RestartCommand, output);
                    await ServesAsync(host, d, $"after {service}'s restart {round}");
                }
        }
        catch
        {
            output.WriteLine(host.Diagnostics());
            throw;
        }
    }

    // DCP lists an executable's whole process tree before it signals it, at a cost that grows with the tree times
    // every process of the machine: the server's backends under run.sh made a loaded machine's stop outlast Aspire's
    // 15 s. An idle test cannot show that time, so it checks what keeps it short: DCP's process has no descendants.
    private static void AloneInItsProcessTree(AspireSystem host)
    {
        var pid = Convert.ToInt32(host.Instances("postgres").Single().Snapshot.Properties.Single(p => p.Name == "executable.pid").Value,
            global::System.Globalization.CultureInfo.InvariantCulture);
        ProcessTree.Descendants(pid).ShouldBe([pid], $"the processes under the postgres resource's process: {string.Join(", ",
            ProcessTree.Descendants(pid).Select(p => $"{p} {ProcessTree.CommandLine(p)}"))}");
    }

    // A finished WAL segment: at shutdown the postmaster waits for the archiver to hand it over, which never happens.
    private static async Task WalToArchiveAsync(AspireSystem host)
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.DatabaseConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("CREATE TEMP TABLE wal AS SELECT generate_series(1, 10000) AS n; SELECT pg_switch_wal()", connection);
        await command.ExecuteNonQueryAsync();
    }

    // A request registered now reaches Assignment: every service and the database are serving.
    private static async Task ServesAsync(AspireSystem host, SystemDriver d, string when)
    {
        await host.WaitUntilAsync(host.AllHealthyAsync, TimeSpan.FromMinutes(2), $"every resource healthy {when}");
        var id = await d.CompleteAsync();
        await d.ExpectAsync($"{d.Intake}/requests/{id}/register", d.Staf, null, global::System.Net.HttpStatusCode.OK);
        await host.WaitUntilAsync(async () => await host.GetAsync($"{d.Assignment}/analyses/{id}", d.Kasi) is not null,
            TimeSpan.FromMinutes(1), $"the request registered {when} at Assignment");
    }
}
