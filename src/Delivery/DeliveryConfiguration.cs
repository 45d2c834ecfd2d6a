using JasperFx.Events.Projections;
using Marten;
using Spbe.Contracts;
using Spbe.ServiceDefaults;

namespace Spbe.Delivery;

public static class DeliveryConfiguration
{
    public static void Marten(StoreOptions opts)
    {
        opts.Projections.Snapshot<WorkOrder>(SnapshotLifecycle.Inline);
        opts.Schema.For<WorkOrder>().Index(x => x.Status).Index(x => x.Opd).Index(x => x.NextDue);
        opts.Storage.ExtendedSchemaObjects.Add(DocumentCounters.CounterTable(Topology.Delivery));
    }
}
