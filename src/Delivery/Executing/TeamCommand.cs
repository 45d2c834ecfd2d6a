using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;

namespace Spbe.Delivery.Executing;

/// <summary>Shared by the team's step-3 commands: load the work order (the matrix allows only the team), act under the caller's team role.</summary>
internal static class TeamCommand
{
    public static async Task<IResult> RunAsync(Guid id, HttpContext http, IDocumentSession session, IMessageBus bus,
        Func<WorkOrder, Actor, Decision> decide)
    {
        var (stream, problem) = await CommandStream.LoadAsync<WorkOrder>(session, http, id);
        if (problem is not null) return problem;
        var role = http.User.ActingRole([.. Roles.Team])!;
        return await CommandStream.ApplyAsync(decide(stream!.Aggregate!, http.User.ToActor(role)), stream, bus, http);
    }
}
