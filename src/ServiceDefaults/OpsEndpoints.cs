using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Spbe.Contracts;
using Npgsql;
using Wolverine.Runtime;

namespace Spbe.ServiceDefaults;

/// <summary>Endpoints for the people who keep the services up (the AppHost dashboard reads them).</summary>
public static class OpsEndpoints
{
    /// <summary>The state of this service's durable messaging: envelopes waiting in and out, dead letters.</summary>
    public sealed record MessagingHealth(string Service, int Incoming, int Scheduled, int Outgoing, int Handled, int DeadLetters);

    public sealed record DeadLetter(Guid Id, string MessageType, string? ExceptionType, string? ExceptionMessage, DateTimeOffset? SentAt, bool Replayable);

    public static IEndpointRouteBuilder MapOpsEndpoints(this IEndpointRouteBuilder app, string service)
    {
        app.MapGet("/ops/messaging", async (IWolverineRuntime runtime) =>
            {
                var counts = await runtime.Storage.Admin.FetchCountsAsync();
                return new MessagingHealth(runtime.Options.ServiceName, counts.Incoming, counts.Scheduled,
                    counts.Outgoing, counts.Handled, counts.DeadLetter);
            })
            .RequireMatrix(service, "GET", "/ops/messaging")
            .WithName("getMessagingHealth")
            .WithSummary("Durable messaging of this service: envelopes waiting, dead letters (operator).")
            .Produces<MessagingHealth>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        app.MapGet("/ops/dead-letters", async (IWolverineRuntime runtime, NpgsqlDataSource database) =>
            {
                await using var cmd = database.CreateCommand(
                    $"select id, message_type, exception_type, exception_message, sent_at, replayable from {Schema(runtime)}.wolverine_dead_letters order by sent_at desc limit 200");
                var letters = new List<DeadLetter>();
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync())
                    letters.Add(new DeadLetter(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                        r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4), !r.IsDBNull(5) && r.GetBoolean(5)));
                return letters;
            })
            .RequireMatrix(service, "GET", "/ops/dead-letters")
            .WithName("listDeadLetters")
            .WithSummary("Messages this service could not handle, with their error (operator).");

        app.MapPost("/ops/dead-letters/{id:guid}/replay", async (Guid id, IWolverineRuntime runtime, NpgsqlDataSource database) =>
            {
                // Wolverine's durability agent moves replayable dead letters back to the inbox.
                await using var cmd = database.CreateCommand($"update {Schema(runtime)}.wolverine_dead_letters set replayable = true where id = @id");
                cmd.Parameters.AddWithValue("id", id);
                return await cmd.ExecuteNonQueryAsync() == 1 ? Results.Accepted() : Problems.NotFound("dead letter");
            })
            .RequireMatrix(service, "POST", "/ops/dead-letters/{id}/replay")
            .WithName("replayDeadLetter")
            .WithSummary("Send a dead letter back to be handled again (operator).");
        return app;
    }

    private static string Schema(IWolverineRuntime runtime) => $"{runtime.Options.ServiceName}_messages";
}
