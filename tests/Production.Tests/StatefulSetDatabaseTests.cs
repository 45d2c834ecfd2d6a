using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Npgsql;
using Shouldly;
using Xunit;

namespace Spbe.Production.Tests;

/// <summary>
/// The database of <c>deploy/kubernetes/statefulset</c>, run with podman as its manifest says (no cluster is here): the
/// init container's command and environment, then the server's command, its mounts as Kubernetes would make them
/// (fsGroup: the volume and the key belong to the server's group), its preStop to stop it.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class StatefulSetDatabaseTests(ReleaseImages images) : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("spbe-test-statefulset-").FullName;
    private readonly string _name = $"spbe-test-db-{Guid.NewGuid():N}"[..24];
    private readonly int _port = Spbe.Hosting.LocalPorts.Free();
    private readonly Dictionary<string, string> _passwords = [];
    private JsonNode _pod = null!;

    public async Task InitializeAsync()
    {
        _ = images;
        var objects = await KubernetesManifestTests.ObjectsAsync("statefulset");
        _pod = objects.Single(o => (string?)o["kind"] == "StatefulSet")["spec"]!["template"]!["spec"]!;
        var hba = (string)objects.Single(o => (string?)o["kind"] == "ConfigMap" && (string?)o["metadata"]!["name"] == "spbe-db-config")["data"]!["pg_hba.conf"]!;

        Directory.CreateDirectory(Path.Combine(_work, "config"));
        await File.WriteAllTextAsync(Path.Combine(_work, "config", "pg_hba.conf"), hba);
        // The certificate as secrets.sh --database-tls makes it; the Secret's files root's, the server's group's, 0640.
        var tls = Directory.CreateDirectory(Path.Combine(_work, "tls")).FullName;
        var (exit, output) = await Tools.CommandAsync("/bin/bash", [Path.Combine(Executables.RepositoryRoot, "deploy", "kubernetes", "secrets.sh"),
            "--database-certificate", tls]);
        exit.ShouldBe(0, output);
        File.Move(Path.Combine(tls, "ca.crt"), Path.Combine(_work, "ca.crt"));
        var data = Directory.CreateDirectory(Path.Combine(_work, "data")).FullName;
        foreach (var (path, mode) in new[] { (tls + "/tls.crt", "0640"), (tls + "/tls.key", "0640") })
            (await Tools.CommandAsync("/bin/sh", ["-c", $"chown 0:10002 {path} && chmod {mode} {path}"])).Exit.ShouldBe(0);
        (await Tools.CommandAsync("chown", ["10002:10002", data])).Exit.ShouldBe(0);
        foreach (var secret in ((string[])["owner", .. RolesCluster.Processes]).Select(r => $"spbe-db-{r}"))
            _passwords[secret] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
    }

    /// <summary>podman's arguments for one of the pod's containers: its image, user, mounts, environment, command.</summary>
    private string[] Container(JsonNode container, params string[] options)
    {
        var args = new List<string> { "--read-only", "--network", "host", "--user",
            $"{_pod["securityContext"]!["runAsUser"]}:{_pod["securityContext"]!["runAsGroup"]}" };
        args.AddRange(options);
        foreach (var mount in container["volumeMounts"]!.AsArray())
        {
            var (name, at) = ((string)mount!["name"]!, (string)mount["mountPath"]!);
            if (name == "tmp") args.AddRange(["--tmpfs", at]);
            else args.AddRange(["-v", $"{Path.Combine(_work, name)}:{at}{((bool?)mount["readOnly"] == true ? ":ro" : "")}"]);
        }
        foreach (var env in container["env"]?.AsArray() ?? [])
        {
            var value = env!["valueFrom"]?["secretKeyRef"]?["name"] is { } secret ? _passwords[(string)secret!] : (string)env["value"]!;
            // On the host's network, a port of its own.
            if ((string)env["name"]! == "PGPORT") value = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            args.AddRange(["-e", $"{env["name"]}={value}"]);
        }
        args.Add(((string)container["image"]!).Replace("VERSION", ReleaseImages.Version, StringComparison.Ordinal));
        args.AddRange(container["command"]!.AsArray().Select(a => (string)a!));
        args.AddRange(container["args"]?.AsArray().Select(a => (string)a!) ?? []);
        return [.. args];
    }

    private async Task StartAsync()
    {
        var (exit, output) = await Tools.PodmanAsync(["run", "--rm", .. Container(_pod["initContainers"]![0]!)]);
        exit.ShouldBe(0, output);
        (exit, output) = await Tools.PodmanAsync(["run", "-d", "--name", _name, .. Container(_pod["containers"]![0]!)]);
        exit.ShouldBe(0, output);
    }

    private string Connection(string role, string mode) =>
        $"Host=127.0.0.1;Port={_port};Database=spbe;Username={role};Password={(role == "postgres" ? "x" : _passwords[$"spbe-db-{role[5..]}"])};" +
        $"SSL Mode={mode};Root Certificate={Path.Combine(_work, "ca.crt")};Pooling=false;Timeout=5";

    private async Task<NpgsqlConnection> OpenAsync(string role)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var connection = new NpgsqlConnection(Connection(role, "VerifyCA"));
            try
            {
                await connection.OpenAsync(deadline.Token);
                return connection;
            }
            // Refused while it starts (57P03), else not yet listening.
            catch (NpgsqlException e) when (!deadline.IsCancellationRequested && e is not PostgresException { SqlState: not "57P03" })
            {
                await connection.DisposeAsync();
                var (_, state) = await Tools.PodmanAsync("inspect", "--format", "{{.State.Status}}", _name);
                if (!state.Contains("running")) throw new InvalidOperationException($"the server stopped: {(await Tools.PodmanAsync("logs", _name)).Output}");
                await Task.Delay(200, deadline.Token);
            }
        }
    }

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql) =>
        Convert.ToString(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;

    [Fact]
    public async Task its_postgresql_takes_the_processes_logins_only_over_tls_keeps_its_data_and_stops_by_its_prestop()
    {
        await StartAsync();
        await using (var owner = await OpenAsync("spbe_owner"))
        {
            (await ScalarAsync(owner, "select current_user")).ShouldBe("spbe_owner");
            (await ScalarAsync(owner, "select ssl from pg_stat_ssl where pid = pg_backend_pid()")).ShouldBe("True");
            (await ScalarAsync(owner, "select pg_catalog.pg_get_userbyid(datdba) from pg_database where datname = 'spbe'")).ShouldBe("spbe_owner");
            await new NpgsqlCommand("create table kept (note text); insert into kept values ('Surat Tugas 001')", owner).ExecuteNonQueryAsync();
        }
        await using (var runtime = await OpenAsync("spbe_intake"))
            (await ScalarAsync(runtime, "select rolsuper or rolcreaterole or rolcreatedb from pg_roles where rolname = current_user")).ShouldBe("False");

        // Without TLS no entry of pg_hba.conf lets anyone in; nor the superuser with any password.
        await using (var plain = new NpgsqlConnection(Connection("spbe_owner", "Disable")))
            (await Should.ThrowAsync<PostgresException>(() => plain.OpenAsync())).SqlState.ShouldBe("28000");
        await using (var superuser = new NpgsqlConnection(Connection("postgres", "VerifyCA")))
            (await Should.ThrowAsync<PostgresException>(() => superuser.OpenAsync())).SqlState.ShouldBe("28000");
        // The processes verify the name too (VerifyFull): the Service's.
        using (var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_work, "tls", "tls.crt")))
            certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ShouldContain("spbe-db-rw");

        // The administrator's way in, inside the pod (README): psql and pg_dump as the server's user by the local socket.
        var (inside, rows) = await Tools.PodmanAsync("exec", _name, "psql", "-h", "/tmp", "-d", "spbe", "-Atc", "select note from kept");
        inside.ShouldBe(0, rows);
        rows.Trim().ShouldBe("Surat Tugas 001");
        (inside, var dump) = await Tools.PodmanAsync("exec", _name, "pg_dump", "-h", "/tmp", "spbe");
        inside.ShouldBe(0, dump);
        dump.ShouldContain("Surat Tugas 001");

        // Stopped as Kubernetes stops the pod (its preStop), then started again: init runs on the existing cluster.
        var preStop = _pod["containers"]![0]!["lifecycle"]!["preStop"]!["exec"]!["command"]!.AsArray().Select(a => (string)a!);
        // The hook's own process ends with the container (podman reports it killed, 137); the server's status is what counts.
        await Tools.PodmanAsync(["exec", _name, .. preStop]);
        var (_, output) = await Tools.PodmanAsync("wait", _name);
        output.Trim().ShouldBe("0");
        var (_, log) = await Tools.PodmanAsync("logs", _name);
        log.ShouldContain("received fast shutdown request");
        log.ShouldContain("database system is shut down");
        await Tools.PodmanAsync("rm", _name);

        await StartAsync();
        await using var again = await OpenAsync("spbe_owner");
        (await ScalarAsync(again, "select note from kept")).ShouldBe("Surat Tugas 001");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Tools.PodmanAsync("rm", "--force", "--time", "5", _name);
        try { Directory.Delete(_work, recursive: true); }
        catch (IOException) { /* the next run's temporary directory is another */ }
        catch (UnauthorizedAccessException) { }
    }
}
