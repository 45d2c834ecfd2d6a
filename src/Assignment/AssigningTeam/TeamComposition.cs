using Spbe.Contracts;

namespace Spbe.Assignment.AssigningTeam;

/// <summary>
/// What a team named in a Surat Tugas must be for the SOP to run: someone to carry out the work
/// (step 3), an app-security member for the internal check (step 4), a lead among the members.
/// </summary>
public static class TeamComposition
{
    /// <summary>Pure: each rule the members (NIP, role) and the lead's NIP break, as the field it concerns and why. No members at all is the form's error, not one of these.</summary>
    public static IReadOnlyList<(string Field, string Reason)> Problems(IReadOnlyList<(string? Nip, string? Role)> members, string? lead)
    {
        var problems = new List<(string, string)>();
        if (members.Count > 0 && !members.Any(m => Roles.Executors.Contains(m.Role)))
            problems.Add(("members", "At least one executor (programmer, staf-it or its) is needed."));
        if (members.Count > 0 && !members.Any(m => m.Role == Roles.AppSecurity))
            problems.Add(("members", "At least one app-security member is needed for the internal check."));
        // Separation of duties: whoever carries out the work never checks it, so one person holds one role in a team.
        foreach (var twice in members.Where(m => !string.IsNullOrEmpty(m.Nip)).GroupBy(m => m.Nip).Where(g => g.Count() > 1))
            problems.Add(("members", $"NIP {twice.Key} is named more than once; one person holds one role in a team, so whoever carries out the work never checks it."));
        if (!string.IsNullOrEmpty(lead) && !members.Any(m => m.Nip == lead))
            problems.Add(("lead", "The lead must be one of the members."));
        return problems;
    }
}
