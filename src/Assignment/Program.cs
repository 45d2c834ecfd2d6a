using JasperFx;
using Spbe.Contracts;
using Spbe.Documents;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Assignment;

/// <summary>The Assignment service. A named class, not top-level statements, so that one test host can run several services.</summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = SchemaMigration.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddWorkingCalendar();
        builder.AddSpbeMessaging(Topology.Assignment, typeof(Program).Assembly, AssignmentConfiguration.Marten);
        builder.AddDocuments();
        builder.Services.Configure<AssignmentOptions>(builder.Configuration.GetSection("Assignment"));

        var app = builder.Build();
        app.MapDefaultEndpoints(Topology.Assignment);
        app.MapSpbeEndpoints(Topology.Assignment, AssignmentPermissions.Rows);
        return await app.RunServiceAsync(Topology.Assignment, args);
    }
}
