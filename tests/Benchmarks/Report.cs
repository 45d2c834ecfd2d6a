using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Spbe.Benchmarks;

public sealed record Row(string Scenario, string Measure, double Value, string Unit, string? Target);

/// <summary>The figures of a run: printed as a markdown table, saved as JSON beside the machine's description.</summary>
public sealed class Report(string scenario)
{
    private readonly List<Row> _rows = [];

    public void Add(string scenarioName, string measure, double value, string unit, string? target = null)
    {
        _rows.Add(new Row(scenarioName, measure, Math.Round(value, 3), unit, target));
        Console.WriteLine($"  {measure}: {value.ToString("0.###", CultureInfo.InvariantCulture)} {unit}");
    }

    public static string Machine =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, " +
        $"{(File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").First().Replace("MemTotal:", "memory").Trim() : "")}";

    public void Print()
    {
        var md = new StringBuilder();
        md.AppendLine($"Machine: {Machine}");
        md.AppendLine();
        md.AppendLine("| scenario | measure | value | unit | target |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var r in _rows)
            md.AppendLine($"| {r.Scenario} | {r.Measure} | {r.Value.ToString(CultureInfo.InvariantCulture)} | {r.Unit} | {r.Target ?? ""} |");
        Console.WriteLine();
        Console.WriteLine(md);
    }

    public void Save()
    {
        Directory.CreateDirectory("benchmark-results");
        var file = Path.Combine("benchmark-results", $"{scenario}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new { scenario, at = DateTimeOffset.UtcNow, machine = Machine, rows = _rows },
            new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Saved {Path.GetFullPath(file)}");
    }
}
