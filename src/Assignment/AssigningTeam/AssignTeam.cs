using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Spbe.Assignment.Documents;
using Spbe.Contracts;
using Spbe.Documents;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Spbe.Assignment.AssigningTeam;

public sealed record MemberForm(
    [property: Required, RegularExpression("^[0-9]{18}$"), Description("NIP: 18 digits.")] string? Nip,
    [property: Required, MaxLength(200)] string? Name,
    [property: Required, OneOf(typeof(Roles), nameof(Roles.Team))] string? Role);

/// <summary>The Surat Tugas schedule: working days only, each date not before the one above it.</summary>
public sealed record ScheduleForm(
    [property: Required, DateField] string? ExecutionStart,
    [property: Required, DateField] string? ExecutionDue,
    [property: Required, DateField] string? InternalCheckDue,
    [property: Required, DateField] string? OwnerCheckDue,
    [property: Required, DateField] string? HandoverDue);

/// <summary>The body of a Surat Tugas: the lead (a member's NIP), the members, the schedule.</summary>
public sealed record TeamForm(
    [property: Required, RegularExpression("^[0-9]{18}$"), Description("The NIP of the team's lead, one of the members.")] string? Lead,
    [property: Required, MinLength(1), MaxLength(30)] IReadOnlyList<MemberForm>? Members,
    [property: Required] ScheduleForm? Schedule);

/// <summary>
/// The answer to a Surat Tugas: issued (200) with its number and revision 1, status <c>issued</c>; or a reissue asked of
/// Delivery (202) with the revision asked, no number yet, status <c>team-change-requested</c>.
/// </summary>
public sealed record TeamResponse(string? LetterNumber, int Revision, string Status = TeamResponse.Issued)
{
    public const string Issued = "issued", ChangeRequested = "team-change-requested";
}

/// <summary>
/// The Kasi issues the Surat Tugas: team, lead and schedule (200 with its number). It can be reissued until work starts;
/// whether the work has started is Delivery's to say, so a reissue is asked of Delivery (202) and its letter issued
/// (numbered, <c>TeamAssigned</c> sent) only when Delivery accepts (<see cref="ReissueAnswerHandler"/>).
/// </summary>
public static class AssignTeam
{
    /// <summary>Checks the team's and the schedule's shape, and the team's composition (<see cref="TeamComposition"/>); pure. <paramref name="today"/> is the WIB date now.</summary>
    public static (TeamForm? Valid, Errors Errors) Check(TeamForm? form, WorkingCalendar calendar, DateOnly today, out Schedule? schedule, out List<TeamMember> members)
    {
        var errors = new Errors();
        schedule = null;
        members = [];
        if (form is null) return (null, errors.Add("body", "A JSON body is required."));

        var given = form.Members ?? [];
        if (given.Count == 0) errors.Add("members", "Name the team's members.");
        else if (given.Count > 30) errors.Add("members", "At most 30 members.");
        for (var i = 0; i < given.Count && i < 30; i++)
        {
            var m = given[i];
            var nip = m?.Nip?.Trim();
            if (!Nip.IsValid(nip, out var why)) errors.Add($"members[{i}].nip", why);
            var name = errors.Text($"members[{i}].name", m?.Name, 200);
            var role = m?.Role?.Trim();
            if (string.IsNullOrEmpty(role)) errors.Add($"members[{i}].role", "Required.");
            else if (!Roles.Team.Contains(role))
                errors.Add($"members[{i}].role", $"One of: {string.Join(", ", Roles.Team)}.");
            else if (nip is not null && name is not null && Nip.IsValid(nip))
            {
                if (members.Any(x => x.Nip == nip)) errors.Add($"members[{i}].nip", "This person is already in the team.");
                else members.Add(new TeamMember(nip, name, role));
            }
        }
        var lead = form.Lead?.Trim();
        if (string.IsNullOrEmpty(lead)) errors.Add("lead", "Required: the NIP of the team's lead.");
        foreach (var (field, reason) in TeamComposition.Problems(given.Select(m => (m?.Nip?.Trim(), m?.Role?.Trim())).ToList(), lead))
            errors.Add(field, reason);

        if (form.Schedule is null) errors.Add("schedule", "Required.");
        else schedule = ValidateSchedule(form.Schedule, calendar, today, errors);

        return (errors.Any ? null : form, errors);
    }

    private static Schedule? ValidateSchedule(ScheduleForm s, WorkingCalendar calendar, DateOnly today, Errors errors)
    {
        var fields = new (string Name, string? Value)[]
        {
            ("executionStart", s.ExecutionStart), ("executionDue", s.ExecutionDue), ("internalCheckDue", s.InternalCheckDue),
            ("ownerCheckDue", s.OwnerCheckDue), ("handoverDue", s.HandoverDue),
        };
        var dates = new DateOnly?[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var (name, value) = fields[i];
            var field = $"schedule.{name}";
            if (string.IsNullOrWhiteSpace(value)) { errors.Add(field, "Required."); continue; }
            if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            { errors.Add(field, "A date as yyyy-MM-dd."); continue; }
            if (calendar.DayOffReason(d) is { } off) errors.Add(field, $"{d:yyyy-MM-dd} is not a working day ({off}).");
            dates[i] = d;
        }
        if (dates[0] is { } start && start < today) errors.Add("schedule.executionStart", "Cannot be in the past.");
        for (var i = 1; i < dates.Length; i++)
            if (dates[i] is { } d && dates[i - 1] is { } previous && d < previous)
                errors.Add($"schedule.{fields[i].Name}", $"Must not be before {fields[i - 1].Name} ({previous:yyyy-MM-dd}).");
        return dates.All(d => d is not null)
            ? new Schedule(dates[0]!.Value, dates[1]!.Value, dates[2]!.Value, dates[3]!.Value, dates[4]!.Value)
            : null;
    }

    /// <summary>Why a team cannot be assigned to this case now, or null when it can.</summary>
    public static string? WhyNot(AnalysisCase c) => c.Status switch
    {
        CaseStatus.Pending => "A team can be assigned only after the analysis result is recorded.",
        CaseStatus.Assigned when c.WorkStarted => "The work has started; the team can no longer be changed.",
        CaseStatus.Assigned when c.PendingTeamChange is { } p => $"A reissue of the Surat Tugas (revision {p.Revision}) is waiting for Delivery's answer.",
        CaseStatus.Analysed or CaseStatus.Assigned => null,
        _ => $"This case is {c.Status.ToApiName()}.",
    };

    /// <summary>
    /// Pure: a reissue (the case has a team) becomes a question to Delivery, which owns the work: no letter, no number yet.
    /// </summary>
    public static Decision Propose(AnalysisCase c, string leadNip, IReadOnlyList<TeamMember> members, Schedule schedule, Actor actor, DateTimeOffset now)
    {
        if (WhyNot(c) is { } reason) return Decision.Refuse(reason);
        if (c.Team is null) return Decision.Refuse("The first Surat Tugas is issued, not proposed.");
        var proposal = new TeamChangeProposal(leadNip, members, schedule, c.Team.Revision + 1, actor, now);
        var r = c.Request;
        return Decision.Accept(
            new TeamChangeProposed(c.Id, proposal, actor, now),
            new TeamChangeRequested(c.Id, r.Number, r.Opd, now, actor, leadNip, members, schedule, c.Analysis!.Summary, r.Title, proposal.Revision));
    }

    /// <summary>
    /// Pure: the first Surat Tugas a valid team makes, given its letter number. With the office's <paramref name="documents"/> kit,
    /// the message carries the documents it issues (the letter and the Hasil analisis) with their hashes.
    /// </summary>
    public static Decision Decide(AnalysisCase c, string letterNumber, string leadNip, IReadOnlyList<TeamMember> members,
        Schedule schedule, Actor actor, DateTimeOffset now, DocumentKit? documents = null)
    {
        if (WhyNot(c) is { } reason) return Decision.Refuse(reason);
        if (c.Team is not null) return Decision.Refuse("A reissue is proposed to Delivery first.");
        var revision = 1;
        var letter = new SuratTugas(letterNumber, leadNip, members, schedule, revision);
        var r = c.Request;
        var assigned = new TeamAssignedToCase(c.Id, letter, actor, now);
        var issued = documents is null ? null : AssignmentDocuments.IssuedWith(c.Apply(assigned), revision, documents);
        return Decision.Accept(
            assigned,
            new TeamAssigned(c.Id, r.Number, r.Opd, now, actor, letterNumber, leadNip, members, schedule,
                c.Analysis!.Summary, r.Title, revision, issued));
    }

    public static IResult Validate(TeamForm? body, WorkingCalendar calendar, TimeProvider clock) =>
        CommandFlow.Continue(Check(body, calendar, Wib.Today(clock.GetUtcNow()), out _, out _).Errors);

    public static IResult Before(HttpContext http, AnalysisCase? @case) => CommandFlow.Check(http, @case, @case?.Version);

    [WolverinePost("/analyses/{id}/team", OperationId = "assignTeam")]
    [EndpointSummary("Issue the Surat Tugas: lead, members, schedule (Kasi Aplikasi)")]
    [ProducesResponseType<TeamResponse>(200), ProducesResponseType<TeamResponse>(202), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static async Task<(IResult, Events, OutgoingMessages)> Post(TeamForm? body, [WriteAggregate(Required = false)] AnalysisCase? @case,
        HttpContext http, IDocumentSession session, TimeProvider clock, WorkingCalendar calendar, IOptions<AssignmentOptions> options,
        DocumentKit documents)
    {
        var now = clock.GetUtcNow();
        var (valid, _) = Check(body, calendar, Wib.Today(now), out var schedule, out var members);
        if (WhyNot(@case!) is { } reason) return CommandFlow.Refused(reason);
        var actor = http.User.ToActor(Roles.KasiAplikasi);
        if (@case!.Team is not null)
        {
            var proposed = Propose(@case, valid!.Lead!.Trim(), members, schedule!, actor, now);
            return CommandFlow.Answer(proposed, @case.Version, http,
                Results.Accepted($"/analyses/{@case.Id}", new TeamResponse(null, @case.Team.Revision + 1, TeamResponse.ChangeRequested)));
        }

        // Taken only for a letter that will be issued, inside this transaction: gap-free.
        var letterNumber = await DocumentCounters.TakeAsync(session, DocumentNumbers.SuratTugasSeries, options.Value.LetterNumberFormat, now, http.RequestAborted);
        return CommandFlow.Answer(Decide(@case, letterNumber, valid!.Lead!.Trim(), members, schedule!, actor, now, documents),
            @case.Version, http, Results.Ok(new TeamResponse(letterNumber, 1)));
    }
}
