using Spbe.Contracts;

namespace Spbe.Delivery.Executing;

/// <summary>The team's step-3 commands (start, progress, report) act under the first executor role the caller holds; the matrix has let only the team's executors in.</summary>
internal static class TeamCommand
{
    public static Actor Actor(HttpContext http) => http.User.ToActor(http.User.ActingRole([.. Roles.Executors])!);
}
