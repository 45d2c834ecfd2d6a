using Marten;
using Spbe.Contracts;
using Weasel.Postgresql.Tables;

namespace Spbe.Reporting;

/// <summary>
/// Reporting's tables, beside its Marten schema: the audit log (every integration message, hash-chained),
/// the step facts the SLA queries read, the official documents issued (for the public verification), the calendar's days off and the cumulative working days (<see cref="CalendarTable"/>).
/// </summary>
public static class ReportingSchema
{
    public const string Schema = Topology.Reporting;
    public const string AuditLog = $"{Schema}.audit_log";
    public const string Steps = $"{Schema}.steps";
    public const string DaysOff = $"{Schema}.days_off";
    public const string WorkingDays = $"{Schema}.working_days";
    public const string Anomalies = $"{Schema}.anomalies";
    public const string Documents = $"{Schema}.documents";
    public const string CalendarState = $"{Schema}.calendar_state";

    public static void Marten(StoreOptions opts)
    {
        var audit = new Table(AuditLog);
        audit.AddColumn("seq", "bigserial").AsPrimaryKey();
        audit.AddColumn<string>("message_key").NotNull();
        audit.AddColumn<string>("type").NotNull();
        // The message's round (or revision), the last part of its key (IIntegrationEvent.Key): the
        // monthly report counts first submissions by it. Generated, so rows written before it existed have it too.
        audit.AddColumn<int>("round").GeneratedAs("split_part(message_key, ':', 4)::int");
        audit.AddColumn<Guid>("request_id").NotNull();
        // The register number as the message carries it: null on what happens before registration.
        audit.AddColumn<string>("request_number");
        audit.AddColumn<string>("opd").NotNull();
        audit.AddColumn<string>("actor_id").NotNull();
        audit.AddColumn<string>("actor_name").NotNull();
        audit.AddColumn<string>("actor_role").NotNull();
        audit.AddColumn<string>("actor_nip");
        audit.AddColumn("occurred_at", "timestamptz").NotNull();
        audit.AddColumn("recorded_at", "timestamptz").NotNull();
        // The message exactly as hashed: text, not jsonb, which would reorder it.
        audit.AddColumn<string>("payload").NotNull();
        audit.AddColumn<string>("prev_hash").NotNull();
        audit.AddColumn<string>("content_hash").NotNull();
        audit.AddColumn<string>("hash").NotNull();
        // The entry's place in the chain (1, 2, …), written by the append: the head's position is the digest's
        // count without counting the whole log. Null on rows written otherwise (bulk imports, rows from before it),
        // where the digest counts instead.
        audit.AddColumn<long>("chain_position");
        audit.Indexes.Add(new IndexDefinition("ux_audit_message_key") { Columns = ["message_key"], IsUnique = true });
        audit.Indexes.Add(new IndexDefinition("ix_audit_request") { Columns = ["request_id", "seq"] });
        audit.Indexes.Add(new IndexDefinition("ix_audit_opd") { Columns = ["opd", "occurred_at", "seq"] });
        audit.Indexes.Add(new IndexDefinition("ix_audit_actor") { Columns = ["actor_id", "seq"] });
        audit.Indexes.Add(new IndexDefinition("ix_audit_type") { Columns = ["type", "seq"] });
        // Covers the monthly report's counts: a month's entries are read from the index alone, not from a
        // heap where they lie among every other month's.
        audit.Indexes.Add(new IndexDefinition("ix_audit_occurred") { Columns = ["occurred_at", "seq"], IncludeColumns = ["type", "round", "request_id"] });
        opts.Storage.ExtendedSchemaObjects.Add(audit);

        var steps = new Table(Steps);
        steps.AddColumn<Guid>("request_id").AsPrimaryKey();
        steps.AddColumn<int>("step").AsPrimaryKey();
        steps.AddColumn<int>("round").AsPrimaryKey();
        steps.AddColumn<int>("segment").AsPrimaryKey();
        // The request's register number once any of its messages carries it (null while it is unregistered).
        steps.AddColumn<string>("request_number");
        steps.AddColumn<string>("opd").NotNull();
        steps.AddColumn("opened_at", "timestamptz").NotNull();
        steps.AddColumn("closed_at", "timestamptz");
        steps.AddColumn<string>("standard_kind").NotNull();
        steps.AddColumn("standard_seconds", "double precision");
        steps.AddColumn("due_date", "date");
        steps.AddColumn<string>("state").NotNull();
        steps.AddColumn<string>("outcome");
        steps.AddColumn<string>("closed_by_id");
        steps.AddColumn<string>("closed_by_name");
        // When the step as a whole ended (its last segment's close), for closed and cancelled steps.
        steps.AddColumn("ended_at", "timestamptz");
        // A closed step's working time (all its segments) and whether it met its standard, on each of its rows:
        // written with the step by the calendar's C# form, rewritten by the SQL form when the calendar changes
        // (CalendarTable), so the compliance figures read them instead of measuring every step again.
        steps.AddColumn("worked_seconds", "double precision");
        steps.AddColumn<bool>("on_time");
        steps.Indexes.Add(new IndexDefinition("ix_steps_state") { Columns = ["state"] });
        // Covers the compliance figures by step and OPD (a period's closed steps): read from the index alone.
        steps.Indexes.Add(new IndexDefinition("ix_steps_ended")
        {
            Columns = ["ended_at"],
            IncludeColumns = ["state", "segment", "step", "opd", "worked_seconds", "on_time"],
        });
        opts.Storage.ExtendedSchemaObjects.Add(steps);

        // Every official document a message issued (and each monthly Laporan Reporting issued), by the SHA-256
        // of its PDF and by the verification code its QR code carries: what GET /verify/{hash} answers from.
        var documents = new Table(Documents);
        documents.AddColumn<string>("sha256").AsPrimaryKey();
        documents.AddColumn<string>("verification_code").NotNull();
        documents.AddColumn<string>("kind").NotNull();
        documents.AddColumn<string>("name").NotNull();
        documents.AddColumn<string>("title").NotNull();
        documents.AddColumn<string>("number").NotNull();
        documents.AddColumn("date", "date").NotNull();
        documents.AddColumn<Guid>("request_id");
        documents.AddColumn<string>("opd");
        // The audit log entry of the message that issued it (null for Reporting's own monthly Laporan).
        documents.AddColumn<string>("message_key");
        documents.AddColumn("recorded_at", "timestamptz").NotNull();
        documents.Indexes.Add(new IndexDefinition("ix_documents_code") { Columns = ["verification_code"] });
        opts.Storage.ExtendedSchemaObjects.Add(documents);

        // Requests whose services disagree, rewritten with the request's step facts at each of its messages.
        var anomalies = new Table(Anomalies);
        anomalies.AddColumn<Guid>("request_id").AsPrimaryKey();
        anomalies.AddColumn<string>("request_number");
        anomalies.AddColumn<string>("opd").NotNull();
        anomalies.AddColumn("anomalies", "jsonb").NotNull();
        anomalies.AddColumn("detected_at", "timestamptz").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(anomalies);

        // The fingerprint of the calendar the steps' stored figures were computed with (one row).
        var calendarState = new Table(CalendarState);
        calendarState.AddColumn<int>("id").AsPrimaryKey();
        calendarState.AddColumn<string>("fingerprint").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(calendarState);

        var daysOff = new Table(DaysOff);
        daysOff.AddColumn("day", "date").AsPrimaryKey();
        daysOff.AddColumn<string>("name").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(daysOff);

        // Every day from 2000 to 2100 with the working seconds before it: working time between two
        // instants is then a difference of two lookups, cheap enough for aggregates over many steps.
        var days = new Table(WorkingDays);
        days.AddColumn("day", "date").AsPrimaryKey();
        days.AddColumn<bool>("is_working").NotNull();
        days.AddColumn("cum_before", "double precision").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(days);
    }
}
