using System.Globalization;
using Spbe.Clients.Assignment;
using Spbe.Sop;

namespace Spbe.Portal.Components.Shared;

public sealed class MemberInput
{
    public string? Nip { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
}

/// <summary>The Surat Tugas as the Kasi fills it in: the team (people by NIP and role) and the five dates of the schedule.</summary>
public sealed class TeamInput
{
    public const int Rows = 4;
    public long Version { get; set; }
    public string? Lead { get; set; }
    public List<MemberInput> Members { get; set; } = [.. Enumerable.Range(0, Rows).Select(_ => new MemberInput())];
    public string? ExecutionStart { get; set; }
    public string? ExecutionDue { get; set; }
    public string? InternalCheckDue { get; set; }
    public string? OwnerCheckDue { get; set; }
    public string? HandoverDue { get; set; }

    public static readonly (string Field, string Label)[] Dates =
    [
        ("executionStart", "Mulai pelaksanaan"), ("executionDue", "Batas pelaksanaan"), ("internalCheckDue", "Batas pemeriksaan internal"),
        ("ownerCheckDue", "Batas pemeriksaan oleh OPD"), ("handoverDue", "Batas serah terima"),
    ];

    public string? Get(string field) => field switch
    {
        "executionStart" => ExecutionStart, "executionDue" => ExecutionDue, "internalCheckDue" => InternalCheckDue,
        "ownerCheckDue" => OwnerCheckDue, _ => HandoverDue,
    };

    public string Name(string field) => "Team." + char.ToUpperInvariant(field[0]) + field[1..];

    public static TeamInput From(SuratTugas? team, long version)
    {
        var input = new TeamInput { Version = version };
        if (team is null) return input;
        input.Lead = team.LeadNip;
        for (var i = 0; i < Math.Min(Rows, team.Members.Count); i++)
            input.Members[i] = new MemberInput { Nip = team.Members[i].Nip, Name = team.Members[i].Name, Role = team.Members[i].Role };
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (input.ExecutionStart, input.ExecutionDue, input.InternalCheckDue, input.OwnerCheckDue, input.HandoverDue) =
            (D(team.Schedule.ExecutionStart), D(team.Schedule.ExecutionDue), D(team.Schedule.InternalCheckDue), D(team.Schedule.OwnerCheckDue), D(team.Schedule.HandoverDue));
        return input;
    }

    /// <summary>The days the schedule picker offers: each day from tomorrow on, working days to choose, holidays shown with their name and not choosable.</summary>
    public static IReadOnlyList<(DateOnly Day, string? DayOff)> Days(WorkingCalendar calendar, DateOnly today, int workingDays = 40)
    {
        var days = new List<(DateOnly, string?)>();
        for (var (d, n) = (today.AddDays(1), 0); n < workingDays; d = d.AddDays(1))
        {
            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            var off = calendar.DayOffReason(d);
            days.Add((d, off));
            if (off is null) n++;
        }
        return days;
    }

    public bool TryBuild(Outcome outcome, out TeamForm? form)
    {
        form = null;
        var errors = new Dictionary<string, string>();
        var dates = new DateOnly[Dates.Length];
        for (var i = 0; i < Dates.Length; i++)
            if (!DateOnly.TryParseExact(Get(Dates[i].Field), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out dates[i]))
                errors["schedule." + Dates[i].Field] = Texts.T("Pilih tanggal.");
        var members = new List<MemberForm>();
        for (var i = 0; i < Members.Count; i++)
        {
            var m = Members[i];
            if (string.IsNullOrWhiteSpace(m.Nip) && string.IsNullOrWhiteSpace(m.Name)) continue;
            if (Wire.Parse<MemberFormRole>(m.Role) is not { } role) { errors[$"members[{members.Count}].role"] = Texts.T("Pilih peran."); continue; }
            members.Add(new MemberForm { Nip = m.Nip?.Trim() ?? "", Name = m.Name?.Trim() ?? "", Role = role });
        }
        if (errors.Count > 0) { outcome.Refuse(errors); return false; }
        form = new TeamForm
        {
            Lead = Lead?.Trim() ?? "", Members = members,
            Schedule = new ScheduleForm { ExecutionStart = dates[0], ExecutionDue = dates[1], InternalCheckDue = dates[2], OwnerCheckDue = dates[3], HandoverDue = dates[4] },
        };
        return true;
    }
}
