using Marten;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Wolverine;
using Wolverine.Http;

namespace Spbe.Delivery.Executing;

/// <summary>Shared by the team's step-3 commands: load the work order, hide it from other OPDs, allow only the team.</summary>
internal static class TeamCommand
{

    public static async Task<IResult> RunAsync(Guid id, HttpContext http, IDocumentSession session, IMessageBus bus,
        Func<WorkOrder, Actor, Decision> decide)
    {
        var (stream, problem) = await CommandStream.LoadAsync<WorkOrder>(session, http, id, (u, w) => !WorkOrderAccess.Hidden(u, w));
        if (problem is not null) return problem;
        var work = stream!.Aggregate!;
        if (!WorkOrderAccess.IsTeamMember(http.User, work))
            return Problems.Forbidden("Only members of this request's team (by the NIP in their token) may do this.");
        var role = http.User.ActingRole(WorkOrderAccess.TeamRoles)!;
        return await CommandStream.ApplyAsync(decide(work, http.User.ToActor(role)), stream, bus, http);
    }
}
