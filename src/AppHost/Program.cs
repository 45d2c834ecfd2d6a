using Microsoft.Extensions.DependencyInjection;
using Spbe.AppHost;

// Every resource of the system, in one place: the database, the identity provider, the four services.
var builder = DistributedApplication.CreateBuilder(args);
var settings = AppHostSettings.From(builder.Configuration);
var data = settings.ResolveDataDirectory();

var database = builder.AddSpbeDatabase("spbe", data, settings.PostgresPort);
var development = DevelopmentIdentity.Create(builder, data);

var identity = builder.AddProject<Projects.Identity>("identity")
    .WithHttpEndpoint(port: settings.Port("identity", 5100), name: "http")
    .WithHttpHealthCheck("/health")
    .WithDevelopmentIdentity(development)
    .WithSpbeDefaults();

builder.AddService<Projects.Intake>("intake", 5101, settings, database, identity, development).WithSpbeDefaults();
builder.AddService<Projects.Assignment>("assignment", 5102, settings, database, identity, development).WithSpbeDefaults();
builder.AddService<Projects.Delivery>("delivery", 5103, settings, database, identity, development).WithSpbeDefaults();
builder.AddService<Projects.Reporting>("reporting", 5104, settings, database, identity, development).WithSpbeDefaults();

if (settings.RestartCrashed) builder.Services.AddHostedService<CrashedServiceRestarter>();

builder.Build().Run();
