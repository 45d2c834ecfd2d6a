using System.Security.Cryptography;
using Shouldly;
using Spbe.Clients;
using Spbe.Clients.Assignment;
using Spbe.Clients.Delivery;
using Spbe.Clients.Intake;
using Spbe.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Spbe.System.Tests;

[CollectionDefinition("apphost", DisableParallelization = true)]
public sealed class AppHostCollection;

/// <summary>
/// The whole system started from the AppHost's model (Aspire.Hosting.Testing): the SOP from
/// submission to handover, with a service killed mid-flow, and the error cases a client meets, all
/// through the clients generated from docs/openapi, each exchange checked against those documents.
/// </summary>
[Collection("apphost")]
public sealed class SopEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private AspireSystem _host = null!;

    public async Task InitializeAsync()
    {
        _host = await AspireSystem.StartAsync();
        output.WriteLine($"AppHost (Aspire.Hosting.Testing): every resource healthy after {_host.TimeToHealthy.TotalSeconds:0.0} s");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private const string Nip = SystemDriver.Nip, SecurityNip = SystemDriver.SecurityNip, OwnerNip = "197806152005012001";

    [Fact]
    public async Task a_request_goes_through_all_six_steps_survives_a_killed_service_and_every_exchange_keeps_the_contract()
    {
        var opd = _host.Api(await _host.TokenAsync("clerk-dinkes", "Siti", "opd", opd: "DINKES"));
        var otherOpd = _host.Api(await _host.TokenAsync("clerk-disdik", "Rudi", "opd", opd: "DISDIK"));
        var staf = _host.Api(await _host.TokenAsync("staf-01", "Budi", "staf-it", nip: Nip));
        var kasi = _host.Api(await _host.TokenAsync("kasi-01", "Kasi", "kasi-aplikasi", nip: Nip));
        var programmer = _host.Api(await _host.TokenAsync("prog-01", "Andi", "programmer", nip: Nip));
        var security = _host.Api(await _host.TokenAsync("sec-01", "Rina", "app-security", nip: SecurityNip));
        var auditor = _host.Api(await _host.TokenAsync("inspektorat-01", "Auditor", "auditor"));
        var anonymous = _host.Api("not-a-token");
        Task Eventually(Func<Task<bool>> condition, string what) => _host.WaitUntilAsync(condition, TimeSpan.FromSeconds(60), what);

        // Bad input: the 400 names the field, and the document had already said the request was wrong.
        using (_host.Contract.ExpectInvalidRequests("an empty title"))
        {
            var refused = await Should.ThrowAsync<ApiException<ValidationProblem>>(() => opd.Intake.SubmitRequestAsync(Form(title: "")));
            refused.StatusCode.ShouldBe(400);
            refused.Result.Errors.Keys.ShouldContain("title");
        }
        (await Should.ThrowAsync<ApiException>(() => anonymous.Intake.ListRequestsAsync())).StatusCode.ShouldBe(401);

        // Step 1: submission and registration.
        var submitted = await opd.Intake.SubmitRequestAsync(Form());
        var id = submitted.Id;
        submitted.TrackingCode.ShouldMatch("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$");
        submitted.Status.ShouldBe(RequestStatus.Submitted);
        await using (var memo = new MemoryStream("%PDF-1.7\n%%EOF\n"u8.ToArray()))
            (await opd.Intake.AttachFileAsync(id, file: new FileParameter(memo, "nota.pdf", "application/pdf"), kind: Kind.RequestMemo)).ContentType.ShouldBe("application/pdf");

        // Another agency's clerk does not see it; an OPD may not register; a stale If-Match is refused.
        (await Should.ThrowAsync<ApiException>(() => otherOpd.Intake.GetRequestAsync(id))).StatusCode.ShouldBe(404);
        (await Should.ThrowAsync<ApiException>(() => opd.Intake.RegisterRequestAsync(id))).StatusCode.ShouldBe(403);
        (await Should.ThrowAsync<ApiException<Problem>>(() => staf.Intake.RegisterRequestAsync(id, if_Match: "\"1\""))).StatusCode.ShouldBe(412);

        var number = (await staf.Intake.RegisterRequestAsync(id)).Number;
        number.ShouldMatch(@"^SPBE/\d{4}/\d{5}$");
        // An illegal step: a registered request cannot be registered again.
        var again = await Should.ThrowAsync<ApiException<Problem>>(() => staf.Intake.RegisterRequestAsync(id));
        again.StatusCode.ShouldBe(409);
        again.Result.Detail.ShouldNotBeNullOrWhiteSpace();

        // Step 2: the case arrives in Assignment through the queue, under the register number; analysis and Surat Tugas.
        await Eventually(async () => await Try(() => kasi.Assignment.GetAnalysisAsync(id)) is not null, "the analysis case");
        (await kasi.Assignment.GetAnalysisAsync(id)).Number.ShouldBe(number);
        await kasi.Assignment.RecordAnalysisResultAsync(id, new AnalysisForm
        {
            Summary = "Perbaiki modul laporan", Scope = "Modul laporan", Feasibility = AnalysisFormFeasibility.Feasible, Approach = "Perbaikan query",
            EstimatedEffortDays = 3, Risks = [], RequiredRoles = [RequiredRoles.Programmer],
        });

        // Kill Delivery with SIGKILL just before the Surat Tugas is issued: TeamAssigned waits in its queue.
        var killed = _host.ServicePids("delivery").ShouldHaveSingleItem();
        ProcessTree.Signal(killed, ProcessTree.SigKill);
        var days = WorkingDaysFromTomorrow(5);
        await kasi.Assignment.AssignTeamAsync(id, new TeamForm
        {
            Lead = Nip,
            Members = [new MemberForm { Nip = Nip, Name = "Andi", Role = MemberFormRole.Programmer }, new MemberForm { Nip = SecurityNip, Name = "Rina", Role = MemberFormRole.AppSecurity }],
            Schedule = new ScheduleForm { ExecutionStart = days[0], ExecutionDue = days[1], InternalCheckDue = days[2], OwnerCheckDue = days[3], HandoverDue = days[4] },
        });
        (await Should.ThrowAsync<ApiException>(() => programmer.Assignment.GetAnalysisAsync(id))).StatusCode.ShouldBe(403);

        await Eventually(async () => _host.Restarts("delivery") >= 1 && await _host.AllHealthyAsync()
                                     && _host.ServicePids("delivery") is [var pid] && pid != killed,
            "delivery started again by the AppHost");

        // Steps 3 to 6 in Delivery.
        await Eventually(async () => await Try(() => kasi.Delivery.GetWorkOrderAsync(id)) is not null, "the work order after the restart");
        // Work not started cannot be reported.
        (await Should.ThrowAsync<ApiException>(() => programmer.Delivery.SubmitReportAsync(id, new ReportForm { Summary = "x", Changes = "y" }))).StatusCode.ShouldBe(409);
        await programmer.Delivery.StartWorkAsync(id);
        await programmer.Delivery.RecordProgressAsync(id, new ProgressForm { Note = "Query diperbaiki", Percent = 60 });
        await programmer.Delivery.SubmitReportAsync(id, new ReportForm { Summary = "Diperbaiki", Changes = "Query" });
        (await security.Delivery.RecordInternalCheckAsync(id, new CheckForm { Result = "passed", Findings = [] })).BeritaAcaraNumber.ShouldNotBeNullOrWhiteSpace();
        await opd.Delivery.RecordOwnerCheckAsync(id, new CheckForm { Result = "accepted" });
        await kasi.Delivery.RecordHandoverAsync(id, new HandoverForm
        {
            HandedOverBy = new PersonForm { Nip = Nip, Name = "Kasi" }, ReceivedBy = new PersonForm { Nip = OwnerNip, Name = "dr. Andi" }, Notes = "Selesai",
        });

        await Eventually(async () => (await opd.Intake.GetRequestAsync(id)).Status == RequestStatus.Completed, "the request completed in Intake");
        await Eventually(async () =>
        {
            var timeline = await Try(() => opd.Reporting.GetTimelineAsync(id));
            return timeline?.Steps is { Count: 6 } steps && steps.All(s => s.State == "closed");
        }, "a full timeline of six closed steps in Reporting");

        var audit = await auditor.Reporting.GetAuditLogAsync(requestId: id, limit: 200);
        // Every integration message of the request, each exactly once, in order.
        audit.Items.Select(i => i.Type).ShouldBe(
        [
            "request-submitted", "request-registered", "team-assigned", "work-started", "execution-reported",
            "internal-check-completed", "owner-check-completed", "request-handed-over",
        ]);
        // The submission carries no number; registration and everything after it carry the register number.
        audit.Items.Select(i => i.RequestNumber).ShouldBe([null, .. Enumerable.Repeat(number, 7)]);
        (await opd.Reporting.GetTimelineAsync(id)).Number.ShouldBe(number);
        (await auditor.Reporting.VerifyAuditLogAsync()).Ok.ShouldBeTrue();

        // The Berita Acara Serah Terima as the OPD downloads it from Delivery: Reporting's public verification (no
        // token) finds it by its SHA-256, which came with the handover's message.
        using var beritaAcara = await opd.Delivery.GetWorkOrderDocumentAsync(id, "berita-acara-serah-terima");
        using var pdf = new MemoryStream();
        await beritaAcara.Stream.CopyToAsync(pdf);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf.ToArray()));
        (await _host.Api(null).Reporting.VerifyDocumentAsync(sha256)).Kind.ShouldBe("berita-acara-serah-terima");

        output.WriteLine($"{_host.Contract.Exchanges} exchanges checked against docs/openapi; {_host.Contract.CaughtInvalidRequests} bad on purpose, caught by the documents");
        _host.Contract.Violations.ShouldBeEmpty();
        _host.Contract.CaughtInvalidRequests.ShouldBe(1);
    }

    private static RequestForm Form(string title = "Perbaikan laporan SIMPUS") => new()
    {
        Title = title, Category = RequestFormCategory.Fix, ApplicationName = "SIMPUS", Description = "Laporan bulanan gagal dicetak",
        RequestMemo = new RequestMemoForm { Number = "005/1/DINKES/2026", Date = new DateOnly(2026, 1, 5), SignedBy = new SignatoryForm { Name = "dr. Andi", Nip = OwnerNip } },
        Contact = new ContactForm { Name = "Siti", Phone = "0812", Email = "siti@dinkes.go.id" },
    };

    /// <summary>The answer, or null while the resource is not there yet or its service is being restarted.</summary>
    private static async Task<T?> Try<T>(Func<Task<T>> call) where T : class
    {
        try { return await call(); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException
            || e is ApiException { StatusCode: 404 or 503 }) { return null; }
    }

    private static DateOnly[] WorkingDaysFromTomorrow(int count)
    {
        var calendar = new Spbe.Sop.WorkingCalendar(Spbe.Sop.CalendarOptions.Shipped());
        var days = new List<DateOnly>();
        for (var d = Spbe.Sop.Wib.Today(DateTimeOffset.UtcNow).AddDays(1); days.Count < count; d = d.AddDays(1))
            if (calendar.IsWorkingDay(d)) days.Add(d);
        return [.. days];
    }
}
