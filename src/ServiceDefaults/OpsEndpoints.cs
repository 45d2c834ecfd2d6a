using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Spbe.Contracts;
using Wolverine.Runtime;

namespace Spbe.ServiceDefaults;

/// <summary>Endpoints for the people who keep the services up (the AppHost dashboard reads them).</summary>
public static class OpsEndpoints
{
    /// <summary>The state of this service's durable messaging: envelopes waiting in and out, dead letters.</summary>
    public sealed record MessagingHealth(string Service, int Incoming, int Scheduled, int Outgoing, int Handled, int DeadLetters);

    public static IEndpointRouteBuilder MapOpsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ops/messaging", async (IWolverineRuntime runtime) =>
            {
                var counts = await runtime.Storage.Admin.FetchCountsAsync();
                return new MessagingHealth(runtime.Options.ServiceName, counts.Incoming, counts.Scheduled,
                    counts.Outgoing, counts.Handled, counts.DeadLetter);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Operator))
            .WithName("GetMessagingHealth")
            .WithSummary("Durable messaging of this service: envelopes waiting, dead letters (operator).")
            .Produces<MessagingHealth>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }
}
