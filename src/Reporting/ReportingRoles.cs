using System.Globalization;
using Spbe.Contracts;
using Spbe.ServiceDefaults;

namespace Spbe.Reporting;

public static class ReportingRoles
{
    /// <summary>SLA figures and reports.</summary>
    public const string Sla = $"{Roles.KasiAplikasi},{Roles.StafIt},{Roles.Auditor},{Roles.Operator}";
    /// <summary>The audit log.</summary>
    public const string Audit = $"{Roles.Auditor},{Roles.KasiAplikasi}";
}

public static class Dates
{
    /// <summary>A WIB date (yyyy-MM-dd) as the instant its day starts, plus <paramref name="addDays"/> (1 for an inclusive "to").</summary>
    public static DateTimeOffset? Read(string? value, string field, Errors errors, int addDays = 0)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            errors.Add(field, "A date as yyyy-MM-dd.");
            return null;
        }
        return StartOf(d.AddDays(addDays));
    }

    public static DateTimeOffset StartOf(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7)).ToUniversalTime();
}
