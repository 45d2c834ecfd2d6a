using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;
using Spbe.Contracts;
using Spbe.Reporting.Notifying;
using Spbe.Reporting.Timelines;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Spbe.Testing;
using Wolverine.Tracking;
using Xunit;
using static Spbe.Reporting.Tests.RequestStory;

namespace Spbe.Reporting.Tests;

/// <summary>The office's people as the tests' directory knows them.</summary>
public static class People
{
    public const string Budi = "budi@diskominfotik.test";
    public const string Dewi = "dewi@diskominfotik.test";
    public const string Andi = "andi@diskominfotik.test";
    public const string Rina = "rina@diskominfotik.test";
    public static readonly string[] Dinkes = ["sekretariat@dinkes.test", "tu@dinkes.test"];

    public static NotificationOptions Options() => new()
    {
        PortalBaseUrl = "https://portal.test",
        Directory = new NotificationDirectory
        {
            People =
            [
                new() { UserId = "staf-01", Name = "Budi", Email = Budi, Roles = [Roles.StafIt] },
                new() { UserId = "kasi-01", Name = "Dewi", Email = Dewi, Roles = [Roles.KasiAplikasi] },
                new() { UserId = "prog-01", Name = "Andi", Nip = Programmer.Nip, Email = Andi, Roles = [Roles.Programmer] },
                new() { UserId = "sec-01", Name = "Rina", Nip = Security.Nip, Email = Rina, Roles = [Roles.AppSecurity] },
            ],
            Opds = new(StringComparer.OrdinalIgnoreCase) { ["DINKES"] = [.. Dinkes] },
        },
    };

    /// <summary>The same directory as settings of the service.</summary>
    public static IReadOnlyDictionary<string, string> Settings(int smtpPort)
    {
        var s = new Dictionary<string, string>
        {
            ["Notifications:PortalBaseUrl"] = "https://portal.test",
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = smtpPort.ToString(),
            ["Notifications:Smtp:Security"] = "none",
            ["Notifications:Directory:Opds:DINKES:0"] = Dinkes[0],
            ["Notifications:Directory:Opds:DINKES:1"] = Dinkes[1],
            // A Monday off, to cross a weekend and a holiday in the far future (where scheduled checks never fire during a test).
            ["Calendar:Holidays:2099-01-05"] = "Libur uji",
        };
        var people = Options().Directory.People;
        for (var i = 0; i < people.Count; i++)
        {
            s[$"Notifications:Directory:People:{i}:UserId"] = people[i].UserId;
            s[$"Notifications:Directory:People:{i}:Name"] = people[i].Name;
            s[$"Notifications:Directory:People:{i}:Email"] = people[i].Email!;
            if (people[i].Nip is { } nip) s[$"Notifications:Directory:People:{i}:Nip"] = nip;
            s[$"Notifications:Directory:People:{i}:Roles:0"] = people[i].Roles[0];
        }
        return s;
    }
}

/// <summary>Who is told what, as a pure function of a request's messages and the directory.</summary>
public sealed class NoticePlannerTests
{
    private static readonly DateTimeOffset T = Wib(2026, 7, 1, 8, 0);

    /// <summary>Each notice as "kind: addresses".</summary>
    private static List<string> Plan(RequestStory story)
    {
        var options = People.Options();
        var told = new List<string>();
        for (var i = 0; i < story.Messages.Count; i++)
            foreach (var n in NoticePlanner.ForMessage(story.Messages[i], story.Messages.Take(i).ToList(), options))
                told.Add($"{n.Kind}: {string.Join(", ", n.To.Addresses)}");
        return told;
    }

    private static string N(string kind, params string[] to) => $"{kind}: {string.Join(", ", to)}";

    [Fact]
    public void a_request_through_the_sop_tells_each_person_when_it_is_their_turn()
    {
        var story = new RequestStory().Submitted(T).Registered(T.AddMinutes(30)).TeamAssigned(T.AddHours(2)).Started(T.AddHours(3))
            .Reported(T.AddHours(4)).InternalCheck(T.AddHours(5), true).OwnerCheck(T.AddHours(6), true).HandedOver(T.AddHours(7));
        Plan(story).ShouldBe(
        [
            N("submitted", People.Budi),
            N("registered", People.Dinkes), N("registered", People.Dewi),
            N("team-assigned", People.Dinkes), N("team-assigned", People.Andi), N("team-assigned", People.Rina),
            N("execution-reported", People.Rina),
            N("ready-for-owner-check", People.Dinkes),
            N("owner-accepted", People.Dewi),
            N("handed-over", People.Dinkes),
        ]);
    }

    [Fact]
    public void returns_rejections_failed_checks_and_requested_revisions_reach_the_opd_the_team_and_the_kasi()
    {
        Plan(new RequestStory().Submitted(T).Returned(T.AddMinutes(10)).Submitted(T.AddMinutes(20), round: 2).Registered(T.AddMinutes(30)).Rejected(T.AddHours(1)))
            .ShouldBe([N("submitted", People.Budi), N("returned", People.Dinkes), N("submitted", People.Budi),
                N("registered", People.Dinkes), N("registered", People.Dewi), N("rejected", People.Dinkes)]);

        var work = new RequestStory().Submitted(T).Registered(T.AddMinutes(30)).TeamAssigned(T.AddHours(2)).Started(T.AddHours(3)).Reported(T.AddHours(4))
            .InternalCheck(T.AddHours(5), false).Started(T.AddHours(6), round: 2).Reported(T.AddHours(7), round: 2).InternalCheck(T.AddHours(8), true, round: 2)
            .OwnerCheck(T.AddHours(9), false, round: 2);
        Plan(work).Skip(7).ShouldBe([N("internal-check-failed", People.Andi), N("execution-reported", People.Rina),
            N("ready-for-owner-check", People.Dinkes), N("owner-revision-requested", People.Dewi), N("owner-revision-requested", People.Andi)]);
    }

    [Fact]
    public void before_registration_the_request_is_named_by_its_tracking_code_and_after_it_by_its_number_with_a_link_to_the_portal()
    {
        var story = new RequestStory(trackingCode: "K7M2Q9XP", number: "SPBE/2026/00042").Submitted(T).Registered(T.AddMinutes(30));
        var submitted = NoticePlanner.ForMessage(story.Messages[0], [], People.Options()).Single();
        submitted.Subject.ShouldBe("[SPBE] Permohonan baru kode pelacakan K7M2Q9XP menunggu verifikasi");
        submitted.Body.ShouldContain($"https://portal.test/permohonan/{story.Id}");
        var registered = NoticePlanner.ForMessage(story.Messages[1], story.Messages.Take(1).ToList(), People.Options());
        registered[0].Subject.ShouldBe("[SPBE] Permohonan Anda terdaftar dengan nomor SPBE/2026/00042");
        registered[1].Link.ShouldBe($"https://portal.test/analisis/{story.Id}");
    }

    [Fact]
    public void a_role_nobody_in_the_directory_holds_is_told_as_the_role_and_a_team_member_not_in_it_by_nip()
    {
        var options = new NotificationOptions();
        var story = new RequestStory().Submitted(T).Registered(T.AddMinutes(30)).TeamAssigned(T.AddHours(1));
        NoticePlanner.ForMessage(story.Messages[0], [], options).Single().To.Audience.ShouldBe("role:staf-it");
        NoticePlanner.ForMessage(story.Messages[2], story.Messages.Take(2).ToList(), options).Select(n => n.To.Audience)
            .ShouldBe(["opd:DINKES", $"nip:{Programmer.Nip}", $"nip:{Security.Nip}"]);
    }
}

/// <summary>When a step's reminder (75% of its standard) and escalation (100%) are due, in working time.</summary>
public sealed class DeadlineTests
{
    private static readonly WorkingCalendar Calendar = Http.Calendar;

    private static IReadOnlyList<StepDeadlineReached> Checks(RequestStory story) =>
        Deadlines.Plan(story.Id, StepBuilder.Build(story.Messages.SkipLast(1), Calendar), StepBuilder.Build(story.Messages, Calendar), Calendar, 0.75);

    [Fact]
    public void a_submission_on_the_eve_of_a_holiday_a_collective_leave_day_and_a_weekend_is_reminded_and_escalated_on_monday()
    {
        // Wednesday 13 May 2026 15:45: 15 working minutes that day; Thursday 14 (Kenaikan Yesus Kristus), Friday 15 (cuti bersama)
        // and the weekend are off.
        var story = new RequestStory().Submitted(Wib(2026, 5, 13, 15, 45));
        Checks(story).Select(c => (c.Step, c.Kind, c.At)).ShouldBe(
        [
            (1, StepDeadlineReached.Reminder, Wib(2026, 5, 18, 8, 0)),    // 45 of 60 working minutes
            (1, StepDeadlineReached.Escalation, Wib(2026, 5, 18, 8, 15)), // all 60
        ]);
    }

    [Fact]
    public void the_analysis_registered_before_christmas_is_due_one_working_day_later_across_cuti_bersama_the_holiday_and_the_weekend()
    {
        // Wednesday 23 December 2026 14:00: 2 h that day; 24 (cuti bersama), 25 (Natal), 26–27 (weekend) off; a working day is 8 h 30 min.
        var story = new RequestStory().Submitted(Wib(2026, 12, 23, 13, 0)).Registered(Wib(2026, 12, 23, 14, 0));
        Checks(story).Select(c => (c.Step, c.Kind, c.At)).ShouldBe(
        [
            (2, StepDeadlineReached.Reminder, Wib(2026, 12, 28, 11, 52).AddSeconds(30)), // 6 h 22.5 min of 8 h 30 min
            (2, StepDeadlineReached.Escalation, Wib(2026, 12, 28, 14, 0)),
        ]);
    }

    [Fact]
    public void a_resubmitted_request_counts_the_time_it_used_before_it_was_returned()
    {
        // 30 minutes used, returned, resubmitted: 15 more minutes to the reminder, 30 to the escalation.
        var story = new RequestStory().Submitted(Wib(2026, 7, 1, 8, 0)).Returned(Wib(2026, 7, 1, 8, 30)).Submitted(Wib(2026, 7, 2, 9, 0), round: 2);
        Checks(story).Select(c => (c.Segment, c.Kind, c.At)).ShouldBe(
            [(2, StepDeadlineReached.Reminder, Wib(2026, 7, 2, 9, 15)), (2, StepDeadlineReached.Escalation, Wib(2026, 7, 2, 9, 30))]);
    }

    [Fact]
    public void a_scheduled_step_is_reminded_at_three_quarters_of_the_working_time_to_its_due_date()
    {
        // Work starts Monday 6 July 07:30, due Friday 10 July 16:00: 5 working days, the reminder after 3.75 of them (Thursday 13:52:30).
        var schedule = new Schedule(new(2026, 7, 6), new(2026, 7, 10), new(2026, 7, 14), new(2026, 7, 16), new(2026, 7, 17));
        var story = new RequestStory().Submitted(Wib(2026, 7, 1, 8, 0)).Registered(Wib(2026, 7, 1, 8, 30)).TeamAssigned(Wib(2026, 7, 2, 9, 0), schedule)
            .Started(Wib(2026, 7, 6, 7, 30));
        Checks(story).Select(c => (c.Step, c.Kind, c.At)).ShouldBe(
            [(3, StepDeadlineReached.Reminder, Wib(2026, 7, 9, 13, 52).AddSeconds(30)), (3, StepDeadlineReached.Escalation, Wib(2026, 7, 10, 16, 0))]);
    }

    [Fact]
    public void a_step_closed_paused_or_resumed_since_is_no_longer_the_one_its_checks_were_scheduled_for()
    {
        var submitted = new RequestStory().Submitted(Wib(2026, 7, 1, 8, 0));
        var check = Checks(submitted)[0];
        Deadlines.IsStillOpen(check, StepBuilder.Build(submitted.Messages, Calendar)).ShouldBeTrue();
        Deadlines.IsStillOpen(check, StepBuilder.Build(submitted.Registered(Wib(2026, 7, 1, 8, 20)).Messages, Calendar)).ShouldBeFalse();
        var returned = new RequestStory().Submitted(Wib(2026, 7, 1, 8, 0)).Returned(Wib(2026, 7, 1, 8, 10));
        Deadlines.IsStillOpen(check with { RequestId = returned.Id }, StepBuilder.Build(returned.Messages, Calendar)).ShouldBeFalse();
        Deadlines.IsStillOpen(check with { RequestId = returned.Id }, StepBuilder.Build(returned.Submitted(Wib(2026, 7, 1, 9, 0), round: 2).Messages, Calendar)).ShouldBeFalse();
    }
}

/// <summary>Reporting with a real SMTP server in the test: the mails a request's messages cause.</summary>
public sealed class NotificationFixture : ServiceFixture<Program>
{
    public NotificationFixture() : base("notify") { }

    public TestSmtpServer Smtp { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => People.Settings(Smtp.Port);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class MailTests(NotificationFixture fixture) : IClassFixture<NotificationFixture>
{
    private IAlbaHost Host => fixture.Host;
    private TestSmtpServer Smtp => fixture.Smtp;

    // Far in the future: the checks these messages schedule stay scheduled for the whole test.
    private static readonly DateTimeOffset Friday = Wib(2099, 1, 2, 15, 45);
    private static readonly Schedule Schedule2099 = new(new(2099, 1, 12), new(2099, 1, 16), new(2099, 1, 20), new(2099, 1, 22), new(2099, 1, 23));

    private IReadOnlyList<ReceivedMail> MailsOf(Guid id) =>
        Smtp.Mails.Where(m => m.NoticeId is not null && m.NoticeId.Contains(id.ToString("N"))).ToList();

    [Fact]
    public async Task one_request_through_the_sop_sends_exactly_the_expected_mails_to_the_expected_addresses_in_order()
    {
        var story = new RequestStory(number: "SPBE/2099/00001").Submitted(Friday).Registered(Friday.AddMinutes(10)).TeamAssigned(Friday.AddDays(4), Schedule2099)
            .Started(Friday.AddDays(10)).Reported(Friday.AddDays(11)).InternalCheck(Friday.AddDays(12), true).OwnerCheck(Friday.AddDays(13), true).HandedOver(Friday.AddDays(14));
        string[][] expected =
        [
            [People.Budi],
            [.. People.Dinkes], [People.Dewi],
            [.. People.Dinkes], [People.Andi], [People.Rina],
            [People.Rina],
            [.. People.Dinkes],
            [People.Dewi],
            [.. People.Dinkes],
        ];
        int[] perMessage = [1, 2, 3, 0, 1, 1, 1, 1];
        var sent = 0;
        for (var i = 0; i < story.Messages.Count; i++)
        {
            await Host.InvokeMessageAndWaitAsync(story.Messages[i]);
            sent += perMessage[i];
            await Smtp.WaitForAsync(_ => MailsOf(story.Id).Count >= sent);
        }
        var mails = MailsOf(story.Id);
        mails.Select(m => string.Join(", ", m.To)).ShouldBe(expected.Select(to => string.Join(", ", to)));
        mails.Select(m => m.MessageId).Distinct().Count().ShouldBe(mails.Count);
        mails[1].Subject.ShouldBe("[SPBE] Permohonan Anda terdaftar dengan nomor SPBE/2099/00001");
        mails[0].Body.ShouldContain($"https://portal.test/permohonan/{story.Id}");

        // Every message again (a redelivery): no mail twice.
        foreach (var m in story.Messages) await Host.InvokeMessageAndWaitAsync(m);
        await using var session = fixture.Store.LightweightSession();
        (await session.Query<Notice>().Where(n => n.RequestId == story.Id && n.MailedAt == null).CountAsync()).ShouldBe(0);
        MailsOf(story.Id).Count.ShouldBe(expected.Length);
    }

    [Fact]
    public async Task a_step_left_open_is_scheduled_for_its_reminder_and_escalation_across_the_weekend_and_the_holiday_and_sends_them_when_due()
    {
        var story = new RequestStory().Submitted(Friday);
        await story.DeliverAsync(Host);
        await Smtp.WaitForAsync(_ => MailsOf(story.Id).Count == 1);

        // Friday 15:45: 15 working minutes that day; Saturday, Sunday and Monday (the holiday) off.
        var scheduled = await ScheduledChecksAsync(story.Id);
        scheduled.ShouldBe([Wib(2099, 1, 6, 8, 0), Wib(2099, 1, 6, 8, 15)]);

        // The checks as Wolverine delivers them when their time comes.
        var checks = Deadlines.For(story.Id, StepBuilder.Build(story.Messages, Calendar2099())[0], Calendar2099(), 0.75);
        foreach (var check in checks) await Host.InvokeMessageAndWaitAsync(check);
        await Smtp.WaitForAsync(_ => MailsOf(story.Id).Count == 3);
        MailsOf(story.Id).Skip(1).Select(m => (m.To.Single(), m.Subject)).ShouldBe(
        [
            (People.Budi, "[SPBE] Pengingat: langkah pengajuan dan verifikasi kelengkapan kode pelacakan K7M2Q9XP mendekati batas waktu"),
            (People.Dewi, "[SPBE] Eskalasi: langkah pengajuan dan verifikasi kelengkapan kode pelacakan K7M2Q9XP melewati batas waktu"),
        ]);

        // Delivered again (a redelivery after a crash): nothing more.
        foreach (var check in checks) await Host.InvokeMessageAndWaitAsync(check);
        MailsOf(story.Id).Count.ShouldBe(3);
    }

    [Fact]
    public async Task a_step_closed_in_time_gets_neither_reminder_nor_escalation()
    {
        var story = new RequestStory(number: "SPBE/2099/00002").Submitted(Friday);
        var checks = Deadlines.For(story.Id, StepBuilder.Build(story.Messages, Calendar2099())[0], Calendar2099(), 0.75);
        await story.Registered(Friday.AddMinutes(10)).DeliverAsync(Host);
        foreach (var check in checks) await Host.InvokeMessageAndWaitAsync(check);

        await using var session = fixture.Store.LightweightSession();
        (await session.Query<Notice>().Where(n => n.RequestId == story.Id).Select(n => n.Kind).ToListAsync())
            .ShouldBe(["submitted", "registered", "registered"], ignoreOrder: true);
    }

    [Fact]
    public async Task a_person_who_turns_email_off_keeps_the_notices_in_the_portal_and_gets_no_mail()
    {
        var budi = TestTokens.For("staf-01", "Budi", [Roles.StafIt]);
        await SetEmailAsync(budi, false);
        try
        {
            var story = new RequestStory(trackingCode: "OPTOUT01").Submitted(Friday.AddDays(30));
            await story.DeliverAsync(Host);
            var page = await Host.GetJson<ListPage<NoticeView>>("/notifications?pageSize=200", budi);
            var notice = page.Items.Single(n => n.RequestId == story.Id);
            notice.Subject.ShouldBe("[SPBE] Permohonan baru kode pelacakan OPTOUT01 menunggu verifikasi");
            notice.MailStatus.ShouldBe("opted-out");
            MailsOf(story.Id).ShouldBeEmpty();
            (await Host.GetJson<PreferencesView>("/notifications/preferences", budi)).ShouldBe(new PreferencesView(false, People.Budi));
        }
        finally
        {
            await SetEmailAsync(budi, true);
        }
    }

    [Fact]
    public async Task an_opd_reads_its_own_notices_and_not_another_opds_and_bad_input_is_a_problem()
    {
        var story = new RequestStory(number: "SPBE/2099/00003").Submitted(Friday.AddDays(40)).Registered(Friday.AddDays(40).AddMinutes(5));
        await story.DeliverAsync(Host);
        (await Host.GetJson<ListPage<NoticeView>>("/notifications?pageSize=200", Tokens.Opd)).Items.Where(n => n.RequestId == story.Id)
            .Select(n => n.Kind).ShouldBe(["registered"]);
        (await Host.GetJson<ListPage<NoticeView>>("/notifications?pageSize=200", Tokens.OtherOpd)).Items.ShouldNotContain(n => n.RequestId == story.Id);

        var bad = await Host.Scenario(s => { s.Put.Json(new { }).ToUrl("/notifications/preferences"); s.As(Tokens.Opd); s.StatusCodeShouldBe(400); });
        await bad.ShouldNameField("emailEnabled");
        await Host.Scenario(s =>
        {
            s.Put.Url("/notifications/preferences");
            s.Body.TextIs("{\"emailEnabled\": \"perhaps\"}");
            s.WithRequestHeader("Content-Type", "application/json");
            s.As(Tokens.Opd);
            s.StatusCodeShouldBe(400);
        });
        await Host.Scenario(s => { s.Get.Url("/notifications?pageSize=500"); s.As(Tokens.Opd); s.StatusCodeShouldBe(400); });
        await Host.Scenario(s => { s.Get.Url("/notifications"); s.StatusCodeShouldBe(401); });
    }

    [Fact]
    public async Task a_team_member_the_directory_does_not_list_is_mailed_at_the_address_their_token_carries_and_reads_the_notice_by_nip()
    {
        const string nip = "198807222012121003";
        var yusuf = await (await TestIdentity.Instance).TokenAsync("yusuf", "Yusuf Maulana", [Roles.Its], nip: nip, email: "yusuf@pribadi.test");
        // Opening the list is where Reporting sees the token's address.
        await Host.GetJson<ListPage<NoticeView>>("/notifications", yusuf);

        var at = Friday.AddDays(50);
        var story = new RequestStory(number: "SPBE/2099/00004").Submitted(at).Registered(at.AddMinutes(5));
        await story.DeliverAsync(Host);
        await Host.InvokeMessageAndWaitAsync(new TeamAssigned(story.Id, story.Number, "DINKES", at.AddHours(1), Kasi, "800/004/ST/Diskominfotik-2099", nip,
            [new TeamMember(nip, "Yusuf Maulana", Roles.Its)], Schedule2099, "Perbaiki laporan", "Perbaikan SIMPUS", 1));

        await Smtp.WaitForAsync(_ => MailsOf(story.Id).Any(m => m.To.Contains("yusuf@pribadi.test")));
        MailsOf(story.Id).Single(m => m.To.Contains("yusuf@pribadi.test")).Subject.ShouldBe("[SPBE] Anda ditugaskan: Surat Tugas 800/004/ST/Diskominfotik-2099");
        (await Host.GetJson<ListPage<NoticeView>>("/notifications", yusuf)).Items.Where(n => n.RequestId == story.Id).Select(n => n.Kind).ShouldBe(["team-assigned"]);
    }

    private Task SetEmailAsync(string token, bool enabled) =>
        Host.Scenario(s => { s.Put.Json(new { emailEnabled = enabled }).ToUrl("/notifications/preferences"); s.As(token); s.StatusCodeShouldBeOk(); });

    private static WorkingCalendar Calendar2099()
    {
        var options = CalendarOptions.Shipped();
        options.Holidays["2099-01-05"] = "Libur uji";
        return new WorkingCalendar(options);
    }

    private async Task<List<DateTimeOffset>> ScheduledChecksAsync(Guid id)
    {
        var database = Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var cmd = database.CreateCommand(
            "select execution_time from reporting_messages.wolverine_incoming_envelopes " +
            "where status = 'Scheduled' and position(convert_to(@id, 'UTF8') in body) > 0 order by execution_time");
        cmd.Parameters.AddWithValue("id", id.ToString());
        var times = new List<DateTimeOffset>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) times.Add(r.GetFieldValue<DateTimeOffset>(0));
        return times;
    }
}
