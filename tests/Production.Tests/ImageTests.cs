using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Shouldly;
using Xunit;

namespace Spbe.Production.Tests;

/// <summary>The release's images, built once for the tests that use them (one build at a time: they share obj/Release).</summary>
[CollectionDefinition(Name)]
public sealed class ReleaseCollection : ICollectionFixture<ReleaseImages>
{
    public const string Name = "release images";
}

/// <summary>The release's images, built by <c>deploy/images/build.sh</c> from Debian's packages and this checkout.</summary>
public sealed class ReleaseImages : IAsyncLifetime
{
    public const string Version = "test";
    public static readonly string ContainersConf = Path.Combine(Executables.RepositoryRoot, "deploy", "images", "containers.conf");

    public async Task InitializeAsync()
    {
        var (exit, output) = await Tools.CommandAsync("/bin/bash", [Path.Combine(Executables.RepositoryRoot, "deploy", "images", "build.sh"), Version],
            TimeSpan.FromMinutes(20));
        exit.ShouldBe(0, output);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[Collection(ReleaseCollection.Name)]
public sealed class ImageTests(ReleaseImages images, RolesCluster cluster) : IClassFixture<RolesCluster>
{
    private static readonly string[] Processes = ["identity", "intake", "assignment", "delivery", "reporting", "portal"];

    [Fact]
    public async Task every_process_has_an_image_run_as_a_user_that_is_not_root()
    {
        _ = images;
        foreach (var process in Processes)
        {
            var (exit, output) = await Tools.PodmanAsync("image", "inspect", $"localhost/spbe-{process}:{ReleaseImages.Version}");
            exit.ShouldBe(0, output);
            var config = JsonDocument.Parse(output).RootElement[0].GetProperty("Config");
            config.GetProperty("User").GetString().ShouldBe("10001:10001", process);
            config.GetProperty("Entrypoint")[0].GetString().ShouldBe($"/app/Spbe.{char.ToUpperInvariant(process[0])}{process[1..]}");
        }
        // And the database of the StatefulSet variant, as the server's own user.
        var (found, postgres) = await Tools.PodmanAsync("image", "inspect", "--format", "{{.Config.User}}", $"localhost/spbe-postgres:{ReleaseImages.Version}");
        found.ShouldBe(0, postgres);
        postgres.Trim().ShouldBe("10002:10002");
    }

    [Fact]
    public async Task an_image_is_its_own_migration_step_and_then_serves_on_a_read_only_root_as_its_runtime_role()
    {
        await using (var admin = new NpgsqlConnection(cluster.Connection("postgres", "postgres")))
        {
            await admin.OpenAsync();
            foreach (var sql in new[] { "drop database if exists images with (force)", "create database images owner spbe_owner" })
                await new NpgsqlCommand(sql, admin).ExecuteNonQueryAsync();
        }
        string[] Container(params string[] settings) =>
            ["run", "--rm", "--network", "host", "--read-only", "--tmpfs", "/tmp", .. settings.SelectMany(s => (string[])["-e", s])];

        var (exit, output) = await Tools.PodmanAsync([.. Container($"ConnectionStrings__spbe={cluster.Connection("spbe_owner", "images")}",
            "Database__RuntimeRole=spbe_intake"), $"localhost/spbe-intake:{ReleaseImages.Version}", "migrate"]);
        exit.ShouldBe(0, output);

        var port = Spbe.Hosting.LocalPorts.Free();
        var name = $"spbe-test-intake-{Guid.NewGuid():N}"[..30];
        (exit, output) = await Tools.PodmanAsync([.. Container($"ConnectionStrings__spbe={cluster.Connection("spbe_intake", "images")}",
                "Auth__Authority=https://identity.example.go.id", "Auth__Audience=spbe", $"ASPNETCORE_URLS=http://127.0.0.1:{port}",
                "Documents__VerifyBaseUrl=https://spbe.example.go.id/verifikasi/{code}"),
            "-d", "--name", name, $"localhost/spbe-intake:{ReleaseImages.Version}"]);
        exit.ShouldBe(0, output);
        try
        {
            using var http = new HttpClient();
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            string? health = null;
            while (health is null)
            {
                try { health = await http.GetStringAsync($"http://127.0.0.1:{port}/health", deadline.Token); }
                catch (HttpRequestException) when (!deadline.IsCancellationRequested)
                {
                    var (_, state) = await Tools.PodmanAsync("inspect", "--format", "{{.State.Status}}", name);
                    if (!state.Contains("running")) throw new InvalidOperationException($"the container stopped: {(await Tools.PodmanAsync("logs", name)).Output}");
                    await Task.Delay(200, deadline.Token);
                }
            }
            health.ShouldBe("""{"status":"Healthy"}""");
            // The process inside runs as 10001, not root.
            var (_, top) = await Tools.PodmanAsync("top", name, "huser", "user");
            top.ShouldContain("10001");
            top.ShouldNotContain("root");
        }
        finally
        {
            await Tools.PodmanAsync("rm", "--force", "--time", "5", name);
        }
    }
}
