using Spbe.Contracts;
using Spbe.Reporting.Timelines;
using static Spbe.Reporting.Notifying.Templates;

namespace Spbe.Reporting.Notifying;

/// <summary>A notice decided but not yet stored: who, what, and where it links.</summary>
public sealed record NoticeDraft(Recipient To, string Kind, string Subject, string Body, string Link, Guid RequestId, string RequestLabel);

/// <summary>What the notices say about their request: the label people know it by and its title.</summary>
public sealed record RequestRef(Guid Id, string Label, string Title, string Opd)
{
    public static RequestRef Of(IIntegrationEvent m, IReadOnlyList<IIntegrationEvent> history)
    {
        var all = history.Append(m).ToList();
        var number = all.Select(x => x.RequestNumber).FirstOrDefault(n => n is not null);
        var code = all.OfType<RequestSubmitted>().Select(s => s.TrackingCode).Concat(all.OfType<RequestRegistered>().Select(r => r.TrackingCode))
            .FirstOrDefault(c => c is not null);
        var title = all.OfType<RequestRegistered>().Select(r => r.Title).Concat(all.OfType<RequestSubmitted>().Select(s => s.Title))
            .Concat(all.OfType<TeamAssigned>().Select(t => t.Title)).FirstOrDefault() ?? "";
        // Before registration a request has only its tracking code.
        var label = number ?? (code is null ? m.RequestId.ToString("N")[..8] : $"kode pelacakan {code}");
        return new RequestRef(m.RequestId, label, title, m.OpdCode);
    }
}

/// <summary>
/// Pure: who is told what. From one integration message (with the request's other messages, for its team and
/// number) to the notices it causes; and from a step's deadline to the reminder or the escalation.
/// </summary>
public static class NoticePlanner
{
    public static IReadOnlyList<NoticeDraft> ForMessage(IIntegrationEvent m, IReadOnlyList<IIntegrationEvent> history, NotificationOptions options)
    {
        var r = RequestRef.Of(m, history);
        var dir = options.Directory;
        var request = Link(options, "permohonan", r.Id);
        var analysis = Link(options, "analisis", r.Id);
        var work = Link(options, "pekerjaan", r.Id);
        var team = Team(history.Append(m));
        var notices = new List<NoticeDraft>();
        void Tell(IEnumerable<Recipient> to, string kind, string subject, string body, string link)
        {
            foreach (var t in to) notices.Add(new NoticeDraft(t, kind, $"[SPBE] {subject}", body + Footer(link), link, r.Id, r.Label));
        }
        var quoted = r.Title.Length > 0 ? $" \"{r.Title}\"" : "";

        switch (m)
        {
            case RequestSubmitted s:
                Tell(Recipients.Role(dir, Roles.StafIt), "submitted",
                    s.Round > 1 ? $"Permohonan {r.Label} dilengkapi dan diajukan kembali" : $"Permohonan baru {r.Label} menunggu verifikasi",
                    $"Permohonan{quoted} dari {r.Opd} ({r.Label}) diajukan{(s.Round > 1 ? " kembali" : "")} pada {Time(s.OccurredAt)}.\n" +
                    "Periksa kelengkapannya, lalu daftarkan atau kembalikan dalam 1 jam kerja.", request);
                break;
            case RequestReturned ret:
                Tell(Recipients.Opd(dir, r.Opd), "returned", $"Permohonan {r.Label} dikembalikan untuk dilengkapi",
                    $"Permohonan{quoted} dikembalikan oleh Staf IT pada {Time(ret.OccurredAt)}.\n" +
                    $"Yang perlu dilengkapi: {string.Join(", ", ret.Missing)}.\nCatatan: {ret.Note}\n" +
                    "Lengkapi permohonan, lalu ajukan kembali.", request);
                break;
            case RequestRegistered reg:
                Tell(Recipients.Opd(dir, r.Opd), "registered", $"Permohonan Anda terdaftar dengan nomor {reg.RequestNumber}",
                    $"Permohonan{quoted}{(reg.TrackingCode is null ? "" : $" (kode pelacakan {reg.TrackingCode})")} lengkap dan terdaftar " +
                    $"dengan nomor {reg.RequestNumber} pada {Time(reg.OccurredAt)}.\nSelanjutnya permohonan dianalisis oleh Kepala Seksi Aplikasi.", request);
                Tell(Recipients.Role(dir, Roles.KasiAplikasi), "registered", $"Permohonan {reg.RequestNumber} menunggu analisis",
                    $"Permohonan{quoted} dari {r.Opd} terdaftar dengan nomor {reg.RequestNumber} pada {Time(reg.OccurredAt)}.\n" +
                    "Analisis dan tetapkan tim pelaksana (atau tolak) dalam 1 hari kerja.", analysis);
                break;
            case RequestRejected rej:
                Tell(Recipients.Opd(dir, r.Opd), "rejected", $"Permohonan {r.Label} ditolak",
                    $"Permohonan{quoted} ditolak pada tahap analisis pada {Time(rej.OccurredAt)}.\nAlasan: {rej.Reason}", request);
                break;
            case TeamAssigned t:
                Tell(Recipients.Opd(dir, r.Opd), "team-assigned", $"Tim pelaksana ditetapkan untuk permohonan {r.Label}",
                    $"Surat Tugas {t.LetterNumber} menetapkan tim pelaksana permohonan{quoted}.\n" +
                    $"Jadwal: pelaksanaan {Date(t.Schedule.ExecutionStart)} s.d. {Date(t.Schedule.ExecutionDue)}, " +
                    $"pemeriksaan oleh OPD s.d. {Date(t.Schedule.OwnerCheckDue)}, serah terima s.d. {Date(t.Schedule.HandoverDue)}.", request);
                foreach (var member in t.Members.DistinctBy(x => x.Nip))
                    Tell([Recipients.Member(dir, member)], "team-assigned", $"Anda ditugaskan: Surat Tugas {t.LetterNumber}",
                        $"Anda ditugaskan sebagai {RoleName(member.Role)}{(member.Nip == t.LeadNip ? " (ketua tim)" : "")} untuk permohonan {r.Label}{quoted}.\n" +
                        $"Pelaksanaan {Date(t.Schedule.ExecutionStart)} s.d. {Date(t.Schedule.ExecutionDue)}; " +
                        $"pemeriksaan internal s.d. {Date(t.Schedule.InternalCheckDue)}.", work);
                break;
            case ExecutionReported e:
                Tell(Members(dir, team, Roles.AppSecurity, fallbackRole: Roles.AppSecurity), "execution-reported",
                    $"Laporan hasil pelaksanaan {r.Label} siap diperiksa",
                    $"Tim melaporkan hasil pelaksanaan permohonan {r.Label}{quoted} (putaran {e.Round}) pada {Time(e.OccurredAt)}.\n" +
                    $"Lakukan pemeriksaan internal{(team is null ? "" : $" paling lambat {Date(team.Schedule.InternalCheckDue)}")}.", work);
                break;
            case InternalCheckCompleted { Passed: true } c:
                Tell(Recipients.Opd(dir, r.Opd), "ready-for-owner-check", $"Hasil pekerjaan {r.Label} siap untuk pemeriksaan Anda",
                    $"Hasil pekerjaan permohonan{quoted} lulus pemeriksaan internal (Berita Acara {c.BeritaAcaraNumber}).\n" +
                    $"Periksa hasilnya, lalu terima atau minta perbaikan{(team is null ? "" : $" paling lambat {Date(team.Schedule.OwnerCheckDue)}")}.", request);
                break;
            case InternalCheckCompleted c:
                Tell(Executors(dir, team), "internal-check-failed", $"Pemeriksaan internal {r.Label} tidak lulus: perbaikan",
                    $"Pemeriksaan internal putaran {c.Round} tidak lulus (Berita Acara {c.BeritaAcaraNumber}); pekerjaan kembali ke pelaksanaan." + Findings(c.Findings), work);
                break;
            case OwnerCheckCompleted { Accepted: true } o:
                Tell(Recipients.Role(dir, Roles.KasiAplikasi), "owner-accepted", $"Hasil pekerjaan {r.Label} diterima OPD: siap serah terima",
                    $"{r.Opd} menerima hasil pekerjaan permohonan{quoted} (Berita Acara {o.BeritaAcaraNumber}).\nLakukan serah terima dalam 1 hari kerja.", work);
                break;
            case OwnerCheckCompleted o:
                var subject = $"OPD meminta perbaikan atas permohonan {r.Label}";
                var body = $"{r.Opd} meminta perbaikan hasil pekerjaan putaran {o.Round} (Berita Acara {o.BeritaAcaraNumber}); pekerjaan kembali ke pelaksanaan." + Findings(o.Findings);
                Tell(Recipients.Role(dir, Roles.KasiAplikasi), "owner-revision-requested", subject, body, work);
                Tell(Executors(dir, team), "owner-revision-requested", subject, body, work);
                break;
            case RequestHandedOver h:
                Tell(Recipients.Opd(dir, r.Opd), "handed-over", $"Serah terima permohonan {r.Label} selesai",
                    $"Hasil pekerjaan permohonan{quoted} telah diserahterimakan pada {Time(h.OccurredAt)} " +
                    $"(Berita Acara Serah Terima {h.BeritaAcaraNumber}). Permohonan selesai.", request);
                break;
        }
        // One notice per audience and kind: a person named twice (a lead who is also a member) is told once.
        return notices.DistinctBy(n => (n.To.Audience, n.Kind)).ToList();
    }

    /// <summary>The reminder (to the step's owner) or the escalation (to the Kasi) of a step still open at its deadline.</summary>
    public static IReadOnlyList<NoticeDraft> ForDeadline(StepDeadlineReached d, IReadOnlyList<IIntegrationEvent> history, NotificationOptions options)
    {
        if (history.Count == 0) return [];
        var r = RequestRef.Of(history[^1], history);
        var dir = options.Directory;
        var team = Team(history);
        var link = d.Step switch
        {
            2 => Link(options, "analisis", r.Id),
            3 or 4 => Link(options, "pekerjaan", r.Id),
            _ => Link(options, "permohonan", r.Id),
        };
        var step = $"{d.Step} ({StepNames[d.Step]})";
        var round = d.Round > 1 ? $", putaran {d.Round}" : "";
        if (d.Kind == StepDeadlineReached.Reminder)
        {
            var owners = d.Step switch
            {
                1 => Recipients.Role(dir, Roles.StafIt),
                2 or 6 => Recipients.Role(dir, Roles.KasiAplikasi),
                3 => Executors(dir, team),
                4 => Members(dir, team, Roles.AppSecurity, fallbackRole: Roles.AppSecurity),
                _ => Recipients.Opd(dir, r.Opd),
            };
            return owners.Select(o => new NoticeDraft(o, "reminder", $"[SPBE] Pengingat: langkah {StepNames[d.Step].ToLowerInvariant()} {r.Label} mendekati batas waktu",
                $"Langkah {step} permohonan {r.Label}{round} telah memakai {options.ReminderShare:P0} waktu standarnya dan belum selesai.\n" +
                $"Batas waktu: {Time(d.Deadline)}." + Footer(link), link, r.Id, r.Label)).ToList();
        }
        return Recipients.Role(dir, Roles.KasiAplikasi).Select(o => new NoticeDraft(o, "escalation",
            $"[SPBE] Eskalasi: langkah {StepNames[d.Step].ToLowerInvariant()} {r.Label} melewati batas waktu",
            $"Langkah {step} permohonan {r.Label}{round} dari {r.Opd} melewati waktu standarnya (batas {Time(d.Deadline)}) dan belum selesai." + Footer(link),
            link, r.Id, r.Label)).ToList();
    }

    private static string Link(NotificationOptions options, string page, Guid id) => $"{options.PortalBaseUrl.TrimEnd('/')}/{page}/{id}";

    /// <summary>The team of the latest Surat Tugas the request has.</summary>
    private static TeamAssigned? Team(IEnumerable<IIntegrationEvent> messages) =>
        messages.OfType<TeamAssigned>().OrderBy(t => t.Revision).LastOrDefault();

    private static IReadOnlyList<Recipient> Executors(NotificationDirectory dir, TeamAssigned? team) =>
        team is null ? Recipients.Role(dir, Roles.Programmer)
            : team.Members.Where(m => Roles.Executors.Contains(m.Role)).DistinctBy(m => m.Nip).Select(m => Recipients.Member(dir, m)).ToList();

    private static IReadOnlyList<Recipient> Members(NotificationDirectory dir, TeamAssigned? team, string role, string fallbackRole)
    {
        var members = team?.Members.Where(m => m.Role == role).DistinctBy(m => m.Nip).Select(m => Recipients.Member(dir, m)).ToList();
        return members is { Count: > 0 } ? members : Recipients.Role(dir, fallbackRole);
    }
}

/// <summary>Pure: the directory's people and mailboxes as recipients.</summary>
public static class Recipients
{
    /// <summary>Everyone in the directory holding the role; when nobody does, the role itself (read in the portal by whoever holds it).</summary>
    public static IReadOnlyList<Recipient> Role(NotificationDirectory dir, string role)
    {
        var people = dir.People.Where(p => p.Roles.Contains(role, StringComparer.OrdinalIgnoreCase)).Select(Person).ToList();
        return people.Count > 0 ? people : [new Recipient(Recipient.ForRole(role), RoleName(role), [])];
    }

    /// <summary>A team member by NIP: the directory's person, or the NIP itself (read in the portal by whoever's token carries it).</summary>
    public static Recipient Member(NotificationDirectory dir, TeamMember member) =>
        dir.People.FirstOrDefault(p => p.Nip == member.Nip) is { } p ? Person(p) : new Recipient(Recipient.ForNip(member.Nip), member.Name, [], Nip: member.Nip);

    public static IReadOnlyList<Recipient> Opd(NotificationDirectory dir, string code) =>
        [new Recipient(Recipient.ForOpd(code), code, dir.Opds.TryGetValue(code, out var addresses) ? addresses : [])];

    private static Recipient Person(DirectoryPerson p) =>
        new(Recipient.ForUser(p.UserId), p.Name, string.IsNullOrWhiteSpace(p.Email) ? [] : [p.Email], p.UserId, p.Nip);
}
