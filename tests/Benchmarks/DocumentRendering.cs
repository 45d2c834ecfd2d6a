using System.Collections.Immutable;
using System.Diagnostics;
using PdfSharp.Pdf;
using Spbe.Assignment;
using Spbe.Assignment.Documents;
using Spbe.Contracts;
using Spbe.Delivery;
using Spbe.Delivery.Documents;
using Spbe.Documents;

namespace Spbe.Benchmarks;

/// <summary>
/// The <c>documents</c> scenario: rendering the SOP's letters in process (no system needed), each kind's p50 and
/// p95 beside a baseline measured in the same run, PDFsharp saving an empty one-page document.
/// </summary>
public static class DocumentRendering
{
    public static void Run(Report report, int iterations)
    {
        var kit = new DocumentKit(new DocumentOptions());
        var at = new DateTimeOffset(2026, 11, 24, 2, 30, 0, TimeSpan.Zero);
        var kasi = new Actor("dewi", "Ir. Dewi Lestari, M.T.", Roles.KasiAplikasi, "197905172003122001");
        var members = new List<TeamMember>
        {
            new("198503122010011001", "Budi Santoso", Roles.Programmer),
            new("199203142019031004", "Andi Pratama", Roles.Programmer),
            new("198807222012121003", "Yusuf Maulana", Roles.Its),
            new("199001012015032002", "Rina Wulandari", Roles.AppSecurity),
        };
        var schedule = new Schedule(new(2026, 11, 25), new(2026, 12, 4), new(2026, 12, 8), new(2026, 12, 10), new(2026, 12, 11));
        var request = new RequestInfo("SPBE/2026/00042", "DINKES", "Integrasi SIMPUS dengan layanan BPJS", "integration", "SIMPUS", "Integrasi",
            null, at.AddDays(-2), at.AddDays(-1));
        var suratTugas = SuratTugasLetter.Of(request,
            new TeamAssignedToCase(Guid.NewGuid(), new SuratTugas("800/042/ST/Diskominfotik-2026", members[0].Nip, members, schedule, 1), kasi, at), null);

        var opened = new WorkOrderOpened(Guid.NewGuid(), request.Number, request.Opd, request.Title, "800/042/ST/Diskominfotik-2026",
            members[0].Nip, members, schedule, "Integrasi", 1, kasi, at);
        var work = WorkOrder.Create(opened) with
        {
            Status = WorkOrderStatus.Completed,
            Handover = new Handover(new Person(kasi.Nip!, kasi.Name), new Person("199105082014022003", "Siti Rahmawati"),
                "Kode sumber, dokumentasi dan akun administrator diserahkan.", "BA/0042/Diskominfotik/2026", kasi, at.AddDays(17)),
        };
        var serahTerima = BeritaAcaraSerahTerimaLetter.Of(work, work.Handover!);

        Measure(report, "baseline: PDFsharp saves an empty one-page document", iterations, () =>
        {
            using var pdf = new PdfDocument();
            pdf.AddPage();
            using var stream = new MemoryStream();
            pdf.Save(stream, false);
        }, target: null);
        Measure(report, "render Surat Tugas (4 members, schedule, QR)", iterations, () => kit.Render(suratTugas), "< 50 ms");
        Measure(report, "render Berita Acara Serah Terima (two signatories, QR)", iterations, () => kit.Render(serahTerima), "< 50 ms");
    }

    private static void Measure(Report report, string name, int iterations, Action action, string? target)
    {
        for (var i = 0; i < Math.Min(50, iterations); i++) action(); // warm-up: JIT, font loading
        var times = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        times.Sort();
        report.Add("documents", $"{name} p50", Percentile(times, 0.50), "ms");
        report.Add("documents", $"{name} p95", Percentile(times, 0.95), "ms", target);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
