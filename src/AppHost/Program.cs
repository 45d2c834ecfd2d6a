using Microsoft.Extensions.DependencyInjection;
using Spbe.AppHost;

// Every resource of the system, in one place: the database, the identity provider, the four services.
var builder = DistributedApplication.CreateBuilder(args);
var settings = AppHostSettings.From(builder.Configuration);
var data = settings.ResolveDataDirectory();

var database = builder.AddSpbeDatabase("spbe", data, settings.PostgresPort);
var identity = builder.AddIdentityProvider(settings, data, database);

builder.AddService<Projects.Intake>("intake", 5101, settings, database, identity);
builder.AddService<Projects.Assignment>("assignment", 5102, settings, database, identity);
builder.AddService<Projects.Delivery>("delivery", 5103, settings, database, identity);
builder.AddService<Projects.Reporting>("reporting", 5104, settings, database, identity);

if (settings.RestartCrashed) builder.Services.AddHostedService<CrashedServiceRestarter>();

builder.Build().Run();
