using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using JasperFx.Resources;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spbe.Contracts;
using Weasel.Core;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Http;
using Wolverine.Marten;
using Wolverine.Postgresql;

namespace Spbe.ServiceDefaults;

/// <summary>Settings of a service's messaging (section <c>Messaging</c>).</summary>
public sealed class MessagingSettings
{
    /// <summary>
    /// Whether a message put on a queue wakes its listener at once (PostgreSQL LISTEN/NOTIFY, one connection per
    /// process). Without it, the polling interval alone sets the latency between services.
    /// </summary>
    public bool QueueNotifications { get; set; } = true;

    /// <summary>
    /// How often an idle PostgreSQL queue is polled. With notifications this is only the safety net for a wake-up
    /// missed while the listening connection was being re-opened; without them it sets the latency between services.
    /// </summary>
    public TimeSpan QueuePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How Wolverine finds the adapters of handlers and endpoints. <c>Static</c>: the code generated ahead of time and
    /// committed under <c>src/{Service}/Internal/Generated</c>, so no process loads the Roslyn compiler (about 100 MB
    /// resident per service). <c>Dynamic</c> compiles them at start, for a developer changing handlers before
    /// regenerating the files (README, "Generated code").
    /// </summary>
    public TypeLoadMode CodeGeneration { get; set; } = TypeLoadMode.Static;
}

/// <summary>
/// One way for every service to set up its event store (Marten, its own schema) and its messaging
/// (Wolverine: PostgreSQL queues, envelope storage in its own schema, the transactional outbox with
/// Marten, transactions applied to every handler and endpoint).
/// </summary>
public static class MessagingExtensions
{
    /// <summary>The connection string name every service reads (<c>ConnectionStrings__spbe</c>).</summary>
    public const string ConnectionName = "spbe";

    /// <summary>A service's event store settings; also used by tools that write a service's streams directly (benchmark seeding).</summary>
    public static void ConfigureStore(StoreOptions opts, string connectionString, string service)
    {
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = service;
        opts.Events.DatabaseSchemaName = service;

        // The audit trail: who (user), why (causation), which flow (correlation), and headers.
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        opts.Events.StreamIdentity = StreamIdentity.AsGuid;

        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        // The migration step creates and changes the schema (SchemaMigration); a running service only checks it.
        opts.AutoCreateSchemaObjects = AutoCreate.None;
    }

    public static WebApplicationBuilder AddSpbeMessaging(
        this WebApplicationBuilder builder,
        string service,
        Assembly applicationAssembly,
        Action<StoreOptions>? configureMarten = null,
        Action<WolverineOptions>? configureWolverine = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException(
                $"No database configured: set ConnectionStrings__{ConnectionName} (the AppHost does this for you).");
        Spbe.Hosting.ProductionGuard.Enforce(builder.Environment, service, [Spbe.Hosting.ProductionGuard.DatabasePassword(connectionString)]);
        var settings = builder.Configuration.GetSection("Messaging").Get<MessagingSettings>() ?? new MessagingSettings();

        builder.Services.AddMarten(opts =>
            {
                ConfigureStore(opts, connectionString, service);
                configureMarten?.Invoke(opts);
            })
            .UseLightweightSessions()
            // A schema that is not this release's (the migration step not run) stops the start, naming the difference.
            .AssertDatabaseMatchesConfigurationOnStartup()
            .IntegrateWithWolverine(x =>
            {
                x.MessageStorageSchemaName = $"{service}_messages";
                x.TransportSchemaName = "spbe_queues";
                // Marten's own daemon coordinator needs DistributedLock features the facade lacks
                // (packages/facade/README.md); Wolverine's leader election distributes projections instead.
                x.UseWolverineManagedEventSubscriptionDistribution = true;
            });

        builder.Host.UseWolverine(opts =>
        {
            opts.ServiceName = service;
            opts.ApplicationAssembly = applicationAssembly;
            // The envelopes' and the queues' tables come from the migration step, like Marten's.
            opts.AutoBuildMessageStorageOnStartup = AutoCreate.None;
            opts.CodeGeneration.TypeLoadMode = settings.CodeGeneration;
            // Registered, not loaded: only Dynamic mode and `codegen write` ever compile.
            opts.UseRuntimeCompilation();
            opts.EnableRelayOfUserName = true;

            opts.Policies.AutoApplyTransactions();
            opts.Policies.UseDurableLocalQueues();
            opts.Policies.UseDurableInboxOnAllListeners();
            opts.Policies.UseDurableOutboxOnAllSendingEndpoints();

            // Two commands on one stream at once: the loser of the optimistic check retries on fresh state.
            opts.OnException(Concurrency.IsConflict)
                .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250));

            // The database away for a moment (a restart, a failover): wait and try again rather than dead-letter.
            // Marten wraps the driver's exception (MartenCommandException), so the policy looks inside.
            opts.OnException(TransientFaults.IsTransient)
                .RetryWithCooldown(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
                    TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));

            // Waiting costs nothing: a committed message wakes its listener (pg_notify in the sender's transaction),
            // and the slow poll only catches what a dropped listening connection missed.
            opts.Transports.GetOrCreate<Wolverine.Postgresql.Transport.PostgresqlTransport>().EnableQueueNotifications = settings.QueueNotifications;
            opts.ListenToPostgresqlQueue(service).PollingInterval(settings.QueuePollingInterval);
            foreach (var (messageType, subscribers) in Topology.Subscribers)
                foreach (var subscriber in subscribers)
                    opts.Publish(x => x.Message(messageType).ToPostgresqlQueue(subscriber));

            // Any of Wolverine's durability timings can be tuned by an operator (Messaging__Durability__ScheduledJobPollingTime=00:00:10).
            builder.Configuration.GetSection("Messaging:Durability").Bind(opts.Durability);

            configureWolverine?.Invoke(opts);
        });

        // For the few reads that are plain SQL (file content, report aggregates), outside Marten's sessions.
        builder.Services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(connectionString));

        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<SchemaMigration.StartCheck>(sp, service));

        builder.Services.AddWolverineHttp();
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgresql");
        return builder;
    }
}
