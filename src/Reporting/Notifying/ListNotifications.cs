using System.Security.Claims;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Mvc;
using Spbe.Contracts;
using Spbe.ServiceDefaults;
using Wolverine.Http;

namespace Spbe.Reporting.Notifying;

/// <summary>One notice as its reader sees it. <c>MailStatus</c>: <c>sent</c>, <c>opted-out</c>, <c>no-address</c>, <c>mail-off</c>, or null while the mail is pending.</summary>
public sealed record NoticeView(string Id, string Kind, Guid RequestId, string RequestLabel, string Subject, string Body, string Link, DateTimeOffset At, string? MailStatus);

/// <summary>The signed-in person's notices: their own, their NIP's (a team they are named in), their roles' and their OPD's.</summary>
public static class ListNotifications
{
    /// <summary>The audiences a caller reads (see <see cref="Recipient"/>).</summary>
    public static IReadOnlyList<string> AudiencesOf(ClaimsPrincipal user)
    {
        var audiences = new List<string> { Recipient.ForUser(user.FindFirst(SpbeClaims.Subject)?.Value ?? "") };
        if (user.FindFirst(SpbeClaims.Nip)?.Value is { Length: > 0 } nip) audiences.Add(Recipient.ForNip(nip));
        audiences.AddRange(user.Roles().Where(r => r != Roles.Opd).Select(Recipient.ForRole));
        if (user.IsInRole(Roles.Opd) && user.OpdCode() is { } opd) audiences.Add(Recipient.ForOpd(opd));
        return audiences;
    }

    [WolverineGet("/notifications", OperationId = "listNotifications")]
    [EndpointSummary("The signed-in person's notices, newest first")]
    [ProducesResponseType<ListPage<NoticeView>>(200), ProducesResponseType(400)]
    public static async Task<IResult> Get(HttpContext http, IDocumentStore store, TimeProvider clock, string? page, string? pageSize)
    {
        var errors = new Errors();
        var (p, size) = Paging.Read(page, pageSize, errors);
        if (errors.Any) return errors.ToResult();
        await Profiles.SeeAsync(store, http.User, clock.GetUtcNow(), http.RequestAborted);

        var audiences = AudiencesOf(http.User).ToArray();
        // A directory person is also found by the NIP in their token, should the directory know them under another id.
        var nip = http.User.FindFirst(SpbeClaims.Nip)?.Value;
        await using var session = store.QuerySession();
        var mine = nip is { Length: > 0 }
            ? session.Query<Notice>().Where(n => n.Audience.IsOneOf(audiences) || n.Nip == nip)
            : session.Query<Notice>().Where(n => n.Audience.IsOneOf(audiences));
        var notices = await mine.OrderByDescending(n => n.At).ThenBy(n => n.Id).ToPagedListAsync(p, size, http.RequestAborted);
        return Results.Ok(new ListPage<NoticeView>(
            notices.Select(n => new NoticeView(n.Id, n.Kind, n.RequestId, n.RequestLabel, n.Subject, n.Body, n.Link, n.At, n.MailStatus)).ToList(),
            p, size, notices.TotalItemCount));
    }
}
