using Spbe.AppHost.Orchestration;

// The resources of the system, declared in one place, in the shape of an Aspire AppHost.
var builder = DistributedApplication.CreateBuilder(args);

var spbe = builder.AddPostgres("postgres").AddDatabase("spbe");

var intake = builder.AddProject("intake", "Intake", defaultPort: 5101).WithReference(spbe);
var assignment = builder.AddProject("assignment", "Assignment", defaultPort: 5102).WithReference(spbe);
var delivery = builder.AddProject("delivery", "Delivery", defaultPort: 5103).WithReference(spbe);
var reporting = builder.AddProject("reporting", "Reporting", defaultPort: 5104).WithReference(spbe);

// Services talk through messages; these references tell each one where the others answer.
intake.WithReference(assignment).WithReference(delivery).WithReference(reporting);
assignment.WithReference(intake);
delivery.WithReference(intake);
reporting.WithReference(intake);

return await builder.Build().RunAsync();
