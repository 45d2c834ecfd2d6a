namespace Spbe.Documents;

/// <summary>The words the office's letters use for the system's codes.</summary>
public static class Labels
{
    /// <summary>A team or office role as a letter names it: <c>app-security</c> → "Application Security".</summary>
    public static string Role(string role) => role switch
    {
        "programmer" => "Programmer",
        "staf-it" => "Staf IT",
        "its" => "ITS (Infrastruktur dan Teknologi Sistem)",
        "app-security" => "Application Security",
        "kasi-aplikasi" => "Kepala Seksi Aplikasi",
        "opd" => "Perwakilan OPD",
        "auditor" => "Auditor",
        _ => role,
    };

    /// <summary>A request's category as the office writes it.</summary>
    public static string Category(string category) => category switch
    {
        "new-application" => "Aplikasi baru",
        "change" => "Perubahan aplikasi",
        "fix" => "Perbaikan",
        "integration" => "Integrasi",
        "hosting" => "Hosting",
        "other" => "Lainnya",
        _ => category,
    };

    /// <summary>A finding's severity.</summary>
    public static string Severity(string severity) => severity switch
    {
        "low" => "Rendah",
        "medium" => "Sedang",
        "high" => "Tinggi",
        "critical" => "Kritis",
        _ => severity,
    };
}
