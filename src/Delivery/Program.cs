using JasperFx;
using Spbe.Contracts;
using Spbe.Documents;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Delivery;

/// <summary>The Delivery service. A named class, not top-level statements, so that one test host can run several services.</summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = SchemaMigration.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddSpbeMessaging(Topology.Delivery, typeof(Program).Assembly, DeliveryConfiguration.Marten);
        builder.AddDocuments();
        builder.Services.Configure<DeliveryOptions>(builder.Configuration.GetSection("Delivery"));

        var app = builder.Build();
        app.MapDefaultEndpoints(Topology.Delivery);
        app.MapSpbeEndpoints(Topology.Delivery, DeliveryPermissions.Rows);
        return await app.RunServiceAsync(Topology.Delivery, args);
    }
}
