using JasperFx;
using Spbe.Contracts;
using Spbe.Documents;
using Spbe.Reporting.Notifying;
using Spbe.Reporting.Verifying;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Reporting;

/// <summary>The Reporting service. A named class, not top-level statements, so that one test host can run several services.</summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = SchemaMigration.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddWorkingCalendar();
        builder.AddSpbeMessaging(Topology.Reporting, typeof(Program).Assembly,
            opts => { ReportingSchema.Marten(opts); NotifyingConfiguration.Marten(opts); }, NotifyingConfiguration.Wolverine);
        builder.AddNotifications();
        builder.Services.AddSingleton<CalendarTable>();
        builder.AddDocuments();
        builder.Services.AddHostedService<CalendarSyncAtStart>();

        var app = builder.Build();
        app.MapDefaultEndpoints(Topology.Reporting);
        app.MapSpbeEndpoints(Topology.Reporting, ReportingPermissions.Rows);
        app.MapVerifyDocument();
        return await app.RunServiceAsync(Topology.Reporting, args);
    }
}
