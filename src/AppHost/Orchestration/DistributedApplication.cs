using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Spbe.AppHost.Orchestration;

/// <summary>
/// The application model, after Aspire's: resources are declared on a builder, then run. Aspire
/// cannot be restored here (STACK.md), so this is the project's own small orchestrator; moving to
/// Aspire.Hosting later changes this project only.
/// </summary>
public sealed class DistributedApplicationBuilder
{
    internal DistributedApplicationBuilder(string[] args)
    {
        Args = args;
        Configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        Options = Configuration.GetSection("AppHost").Get<AppHostOptions>() ?? new AppHostOptions();
    }

    public string[] Args { get; }
    public IConfiguration Configuration { get; }
    public AppHostOptions Options { get; }
    internal List<PostgresResource> Servers { get; } = [];
    internal List<ProjectResource> Projects { get; } = [];

    public PostgresResource AddPostgres(string name)
    {
        var server = new PostgresResource(name);
        Servers.Add(server);
        return server;
    }

    /// <summary>A service project under <c>src/{directory}</c>, on its default port unless <c>AppHost:Ports:{name}</c> says otherwise.</summary>
    public ProjectResource AddProject(string name, string directory, int defaultPort)
    {
        var project = new ProjectResource(name, directory, Options.Ports.TryGetValue(name, out var port) ? port : defaultPort);
        Projects.Add(project);
        return project;
    }

    public DistributedApplication Build() => new(this);
}

public sealed class DistributedApplication
{
    private readonly DistributedApplicationBuilder _builder;

    internal DistributedApplication(DistributedApplicationBuilder builder) => _builder = builder;

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args);

    public async Task<int> RunAsync()
    {
        using var loggerFactory = LoggerFactory.Create(l => l.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
            .AddConfiguration(_builder.Configuration.GetSection("Logging")));
        var orchestrator = new Orchestrator(_builder, loggerFactory.CreateLogger("Spbe.AppHost"));
        return await orchestrator.RunAsync();
    }
}
