using JasperFx.CodeGeneration;
using System.Collections.Concurrent;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Spbe.Contracts;
using Spbe.Testing;
using Wolverine;
using Wolverine.Postgresql;
using Xunit;

namespace Spbe.System.Tests;

/// <summary>A message only these tests send, from Intake's host to Reporting's queue.</summary>
public sealed record PlumbingPing(Guid Id);

/// <summary>A command handled in Intake's host that publishes a ping and then fails.</summary>
public sealed record PublishThenFail(Guid Id);

public sealed record PlumbingRecorded(Guid Id);

public static class PlumbingPingHandler
{
    public static readonly ConcurrentDictionary<Guid, TaskCompletionSource> Received = new();

    public static TaskCompletionSource For(Guid id) =>
        Received.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public static void Handle(PlumbingPing ping) => For(ping.Id).TrySetResult();
}

public static class PublishThenFailHandler
{
    public static async Task Handle(PublishThenFail command, IDocumentSession session, IMessageBus bus)
    {
        session.Events.StartStream(command.Id, new PlumbingRecorded(command.Id));
        await bus.PublishAsync(new PlumbingPing(command.Id));
        throw new InvalidOperationException("the handler fails after publishing");
    }
}

/// <summary>Intake's host and Reporting's host, on one database, talking through the PostgreSQL queue.</summary>
public sealed class TwoServicesFixture : IAsyncLifetime
{
    private readonly IntakeHost _intake = new();
    public IAlbaHost Sender { get; private set; } = null!;
    public IAlbaHost Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _intake.InitializeAsync();
        Sender = _intake.Host;
        Receiver = await new ReportingHost().StartHostAsync(_intake.ConnectionString, o =>
        {
            o.Discovery.IncludeType(typeof(PlumbingPingHandler));
            // A handler of the test's own has no adapter generated ahead of time in the service: compile at start.
            o.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;
        });
    }

    public async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await _intake.DisposeAsync();
    }

    private sealed class IntakeHost() : ServiceFixture<Intake.Program>("plumbing")
    {
        protected override void ConfigureWolverine(WolverineOptions o)
        {
            o.Discovery.IncludeType(typeof(PublishThenFailHandler));
            o.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;
            o.PublishMessage<PlumbingPing>().ToPostgresqlQueue(Topology.Reporting);
        }
    }

    private sealed class ReportingHost() : ServiceFixture<Reporting.Program>("unused");
}

public sealed class MessagingPlumbingTests(TwoServicesFixture services) : IClassFixture<TwoServicesFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task a_message_published_by_one_service_is_handled_by_another_through_the_postgresql_queue()
    {
        var id = Guid.NewGuid();
        await services.Sender.MessageBus().PublishAsync(new PlumbingPing(id));
        await PlumbingPingHandler.For(id).Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task a_message_published_inside_a_failed_transaction_is_not_sent_and_its_events_are_not_written()
    {
        var failed = Guid.NewGuid();
        var bus = services.Sender.MessageBus();
        await Should.ThrowAsync<InvalidOperationException>(() => bus.InvokeAsync(new PublishThenFail(failed)));

        // A later message on the same path arrives; the one from the failed transaction never does.
        var later = Guid.NewGuid();
        await bus.PublishAsync(new PlumbingPing(later));
        await PlumbingPingHandler.For(later).Task.WaitAsync(Patience);
        await Task.Delay(300);
        PlumbingPingHandler.For(failed).Task.IsCompleted.ShouldBeFalse();

        await using var session = services.Sender.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Events.FetchStreamStateAsync(failed)).ShouldBeNull();
    }
}
