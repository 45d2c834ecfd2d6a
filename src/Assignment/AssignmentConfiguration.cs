using JasperFx.Events.Projections;
using Marten;
using Spbe.Contracts;
using Spbe.ServiceDefaults;

namespace Spbe.Assignment;

public static class AssignmentConfiguration
{
    public static void Marten(StoreOptions opts)
    {
        // Inline: the inbox reads exactly what the last command decided.
        opts.Projections.Snapshot<AnalysisCase>(SnapshotLifecycle.Inline);
        opts.Schema.For<AnalysisCase>().Index(x => x.Status).Index(x => x.DueAt);
        opts.Storage.ExtendedSchemaObjects.Add(DocumentCounters.CounterTable(Topology.Assignment));
    }
}
