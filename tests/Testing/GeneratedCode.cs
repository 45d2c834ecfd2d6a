using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Model;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Spbe.Testing;

/// <summary>
/// The services run Wolverine's adapters from code generated ahead of time (TypeLoadMode.Static, committed under
/// src/{Service}/Internal/Generated). This generates them again from the running host, exactly as `codegen write`
/// does, and compares: a handler or endpoint changed without regenerating fails here.
/// </summary>
public static class GeneratedCode
{
    public const string UpdateVariable = "SPBE_UPDATE_GENERATED";

    public static void ShouldBeCommitted(IServiceProvider services, string service)
    {
        var committedDirectory = Path.Combine(AppHostProcess.FindRoot(), "src", char.ToUpperInvariant(service[0]) + service[1..], "Internal", "Generated");
        var output = Directory.CreateTempSubdirectory("spbe-codegen-").FullName;
        try
        {
            var collections = services.GetServices<ICodeFileCollection>().ToArray();
            collections.ShouldNotBeEmpty();
            var paths = collections.Select(c => c.Rules.GeneratedCodeOutputPath).ToArray();
            try
            {
                foreach (var collection in collections) collection.Rules.GeneratedCodeOutputPath = output;
                new DynamicCodeBuilder(services, collections) { ServiceVariableSource = services.GetService<IServiceVariableSource>() }
                    .WriteGeneratedCode(_ => { });
            }
            finally
            {
                for (var i = 0; i < collections.Length; i++) collections[i].Rules.GeneratedCodeOutputPath = paths[i];
            }

            var generated = Files(output);
            if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
            {
                if (Directory.Exists(committedDirectory)) Directory.Delete(committedDirectory, recursive: true);
                foreach (var (name, text) in generated)
                {
                    var target = Path.Combine(committedDirectory, name);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.WriteAllText(target, text);
                }
            }

            var advice = $"the generated code of {service} differs from {committedDirectory}: run `{UpdateVariable}=1 dotnet test tests/{char.ToUpperInvariant(service[0]) + service[1..]}.Tests --filter generated_code` and commit the files " +
                "(if the build fails on a stale file, delete that folder first and set Messaging__CodeGeneration=Dynamic for the run)";
            var committed = Files(committedDirectory);
            committed.Keys.Order().ShouldBe(generated.Keys.Order(), advice);
            foreach (var (name, text) in generated)
                committed[name].ShouldBe(text, $"{name}: {advice}");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static Dictionary<string, string> Files(string directory) =>
        !Directory.Exists(directory) ? []
        : Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => File.ReadAllText(f).ReplaceLineEndings("\n"));
}
