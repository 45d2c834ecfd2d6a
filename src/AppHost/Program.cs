using Microsoft.Extensions.DependencyInjection;
using Spbe.AppHost;

// Every resource of the system, in one place: the database, the identity provider, the four services, the portal, the mail catcher.
var builder = DistributedApplication.CreateBuilder(args);
var settings = AppHostSettings.From(builder.Configuration);
var data = settings.ResolveDataDirectory();

var database = builder.AddSpbeDatabase("spbe", data, settings.PostgresPort, settings.PostgresSettings);
var identity = builder.AddIdentityProvider(settings, data, database);

var intake = builder.AddService<Projects.Intake>("intake", 5101, settings, database, identity);
var assignment = builder.AddService<Projects.Assignment>("assignment", 5102, settings, database, identity);
var delivery = builder.AddService<Projects.Delivery>("delivery", 5103, settings, database, identity);
var reporting = builder.AddService<Projects.Reporting>("reporting", 5104, settings, database, identity);
builder.AddPortal(settings, identity, intake, assignment, delivery, reporting);
// Reporting's mail goes to the development mail catcher; it does not wait for it (a mail that cannot go yet is retried).
if (settings.MailCatcher) reporting.WithMailCatcher(builder.AddMailCatcher(settings), settings).WithDemoDirectory(builder);

if (settings.RestartCrashed) builder.Services.AddHostedService<CrashedServiceRestarter>();

builder.Build().Run();
