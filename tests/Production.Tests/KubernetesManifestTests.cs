using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shouldly;
using Xunit;

namespace Spbe.Production.Tests;

/// <summary>
/// The Kubernetes manifests (<c>deploy/kubernetes</c>), checked offline as no cluster is here: rendered by kustomize
/// (kubectl's), each object validated against the API's and CloudNativePG's schemas (npm's kubernetes-models), and
/// everything they name — images, ConfigMaps and their keys, Secrets, Services, variables — made by something.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class KubernetesManifestTests(ReleaseImages images)
{
    private static readonly string Deploy = Path.Combine(Executables.RepositoryRoot, "deploy", "kubernetes");
    private static readonly string Validator = Path.Combine(Executables.RepositoryRoot, "tests", "Production.Tests", "kubernetes");

    private static async Task<string> RenderAsync(string overlay)
    {
        var (exit, output) = await Tools.CommandAsync("kubectl", ["kustomize", Path.Combine(Deploy, overlay)]);
        exit.ShouldBe(0, output);
        return output;
    }

    // The validator's packages, installed once for all the tests.
    private static readonly Lazy<Task> Installed = new(async () =>
    {
        var (exit, output) = await Tools.CommandAsync("npm", ["ci", "--prefix", Validator, "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
        exit.ShouldBe(0, output);
    });

    private static async Task<(int Exit, string Output)> NodeAsync(string manifest, params string[] args)
    {
        await Installed.Value;
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, manifest);
        try { return await Tools.CommandAsync("/bin/sh", ["-c", $"node {Path.Combine(Validator, "validate.mjs")} {string.Join(' ', args)} < {file}"]); }
        finally { File.Delete(file); }
    }

    /// <summary>The objects of an overlay as kustomize renders them.</summary>
    public static async Task<List<JsonNode>> ObjectsAsync(string overlay)
    {
        var (exit, json) = await NodeAsync(await RenderAsync(overlay), "--json");
        exit.ShouldBe(0, json);
        return JsonNode.Parse(json)!.AsArray().Select(o => o!).ToList();
    }

    [Theory]
    [InlineData("cloudnativepg", "ok Cluster/spbe-db")]
    [InlineData("statefulset", "ok StatefulSet/spbe-db")]
    public async Task every_object_is_valid_against_the_apis_schemas(string overlay, string database)
    {
        var (exit, output) = await NodeAsync(await RenderAsync(overlay));
        exit.ShouldBe(0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldAllBe(l => l.StartsWith("ok "), output);
        lines.ShouldContain(database);
        lines.ShouldContain("ok Job/spbe-migrate");
        lines.Count(l => l.StartsWith("ok Deployment/")).ShouldBe(6);
    }

    [Theory]
    [InlineData("cloudnativepg")]
    [InlineData("statefulset")]
    public async Task everything_the_manifests_name_exists_and_every_container_runs_unprivileged(string overlay)
    {
        var objects = await ObjectsAsync(overlay);
        JsonNode? Find(string kind, string name) => objects.FirstOrDefault(o => (string?)o["kind"] == kind && (string?)o["metadata"]!["name"] == name);

        var (_, listed) = await Tools.CommandAsync("/bin/bash",
            [Path.Combine(Deploy, "secrets.sh"), .. overlay == "statefulset" ? new[] { "--database-tls" } : [], "--list"]);
        var secrets = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        // Made by the office (the hosts' certificate, the backup store's keys), or by CloudNativePG (its CA).
        secrets.UnionWith(["spbe-tls", "spbe-backup-s3", .. overlay == "cloudnativepg" ? new[] { "spbe-db-ca" } : []]);

        var problems = new List<string>();
        foreach (var workload in objects.Where(o => (string?)o["kind"] is "Deployment" or "Job" or "StatefulSet"))
        {
            var name = $"{workload["kind"]}/{workload["metadata"]!["name"]}";
            var pod = workload["spec"]!["template"]!["spec"]!;
            if ((bool?)pod["securityContext"]?["runAsNonRoot"] != true) problems.Add($"{name}: runAsNonRoot is not set");
            var volumes = (pod["volumes"]?.AsArray() ?? []).Concat(workload["spec"]!["volumeClaimTemplates"]?.AsArray().Select(c => c!["metadata"]) ?? [])
                .Select(v => (string)v!["name"]!).ToHashSet();
            foreach (var v in pod["volumes"]?.AsArray() ?? [])
                if (v!["secret"]?["secretName"] is { } s && !secrets.Contains((string)s!)) problems.Add($"{name}: volume of an unknown Secret {s}");
            foreach (var container in (pod["initContainers"]?.AsArray() ?? []).Concat(pod["containers"]!.AsArray()).Select(c => c!))
            {
                var at = $"{name} {container["name"]}";
                var image = (string)container["image"]!;
                var match = Regex.Match(image, "^localhost/(spbe-[a-z]+):VERSION$");
                if (!match.Success) problems.Add($"{at}: image {image} is not one of the release's");
                else
                {
                    var (found, _) = await Tools.PodmanAsync("image", "exists", $"localhost/{match.Groups[1].Value}:{ReleaseImages.Version}");
                    if (found != 0) problems.Add($"{at}: deploy/images/build.sh makes no {match.Groups[1].Value}");
                }
                var security = container["securityContext"];
                if ((bool?)security?["readOnlyRootFilesystem"] != true || (bool?)security?["allowPrivilegeEscalation"] != false)
                    problems.Add($"{at}: not read-only or may escalate privileges");
                foreach (var mount in container["volumeMounts"]?.AsArray() ?? [])
                    if (!volumes.Contains((string)mount!["name"]!)) problems.Add($"{at}: mounts {mount["name"]}, which the pod does not have");
                var defined = new HashSet<string>();
                foreach (var from in container["envFrom"]?.AsArray() ?? [])
                    if (Find("ConfigMap", (string)from!["configMapRef"]!["name"]!) is { } map) defined.UnionWith(map["data"]!.AsObject().Select(p => p.Key));
                    else problems.Add($"{at}: no ConfigMap {from["configMapRef"]!["name"]}");
                foreach (var env in container["env"]?.AsArray() ?? [])
                {
                    if (env!["valueFrom"]?["secretKeyRef"]?["name"] is { } secret && !secrets.Contains((string)secret!)) problems.Add($"{at}: no Secret {secret}");
                    foreach (Match reference in Regex.Matches((string?)env["value"] ?? "", @"\$\(([A-Za-z_][A-Za-z0-9_]*)\)"))
                        if (!defined.Contains(reference.Groups[1].Value)) problems.Add($"{at}: {env["name"]} uses $({reference.Groups[1].Value}), defined before it nowhere");
                    defined.Add((string)env["name"]!);
                }
                if ((string?)workload["kind"] is "Deployment" or "StatefulSet" && pod["containers"]!.AsArray().Contains(container)
                    && (container["readinessProbe"] is null || container["livenessProbe"] is null))
                    problems.Add($"{at}: no readiness or liveness probe");
            }
        }
        foreach (var service in objects.Where(o => (string?)o["kind"] == "Service"))
        {
            var selector = service["spec"]!["selector"]!.AsObject();
            if (!objects.Any(o => (string?)o["kind"] is "Deployment" or "StatefulSet"
                    && selector.All(s => (string?)o["spec"]!["template"]!["metadata"]!["labels"]![s.Key] == (string?)s.Value)))
                problems.Add($"Service/{service["metadata"]!["name"]}: selects no workload's pods");
        }
        foreach (var path in objects.Where(o => (string?)o["kind"] == "Ingress").SelectMany(i => i["spec"]!["rules"]!.AsArray())
                     .SelectMany(r => r!["http"]!["paths"]!.AsArray()))
            if (Find("Service", (string)path!["backend"]!["service"]!["name"]!) is null) problems.Add($"Ingress: no Service {path["backend"]!["service"]!["name"]}");
        // The database makes each process's runtime role, which the migration step grants, with the password of its Secret.
        if (Find("Cluster", "spbe-db")?["spec"] is { } cluster)
        {
            foreach (var secret in cluster["managed"]!["roles"]!.AsArray().Select(r => (string)r!["passwordSecret"]!["name"]!)
                         .Append((string)cluster["bootstrap"]!["initdb"]!["secret"]!["name"]!))
                if (!secrets.Contains(secret)) problems.Add($"Cluster/spbe-db: no Secret {secret}");
            foreach (var process in RolesCluster.Processes)
                cluster["managed"]!["roles"]!.AsArray().Select(r => (string?)r!["name"]).ShouldContain($"spbe_{process}");
        }
        else
        {
            var init = Find("StatefulSet", "spbe-db")!["spec"]!["template"]!["spec"]!["initContainers"]![0]!["env"]!.AsArray();
            var roles = ((string)init.Single(e => (string?)e!["name"] == "SPBE_DB_ROLES")!["value"]!).Split(' ');
            foreach (var role in roles.Skip(1))
                if (!init.Any(e => (string?)e!["name"] == $"SPBE_DB_PASSWORD_{role}")) problems.Add($"StatefulSet/spbe-db: no password for {role}");
            foreach (var process in RolesCluster.Processes) roles.ShouldContain($"spbe_{process}");
        }

        problems.ShouldBeEmpty(string.Join('\n', problems));
        _ = images;
    }
}
