using JasperFx;
using Spbe.Contracts;
using Spbe.Documents;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Intake;

/// <summary>The Intake service. A named class, not top-level statements, so that one test host can run several services.</summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = SchemaMigration.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddSpbeMessaging(Topology.Intake, typeof(Program).Assembly, IntakeConfiguration.Marten);
        builder.AddDocuments();
        builder.Services.Configure<IntakeOptions>(builder.Configuration.GetSection("Intake"));

        var app = builder.Build();
        app.MapDefaultEndpoints(Topology.Intake);
        app.MapSpbeEndpoints(Topology.Intake, IntakePermissions.Rows);
        return await app.RunServiceAsync(Topology.Intake, args);
    }
}
