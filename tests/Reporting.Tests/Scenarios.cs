using Alba;
using Shouldly;
using Spbe.Contracts;
using Spbe.Sop;
using Spbe.Testing;
using Wolverine.Tracking;

namespace Spbe.Reporting.Tests;

/// <summary>
/// A request's integration messages, written as the services would publish them, at chosen WIB times: the
/// messages before registration carry the tracking code and no number, registration and after the register number.
/// </summary>
public sealed class RequestStory(Guid? id = null, string opd = "DINKES", string number = "SPBE/2026/00001", string trackingCode = "K7M2Q9XP")
{
    public Guid Id { get; } = id ?? Guid.NewGuid();
    public string Number => number;
    public string TrackingCode => trackingCode;
    private string? NumberIfRegistered => Messages.OfType<RequestRegistered>().Any() ? number : null;
    public List<IIntegrationEvent> Messages { get; } = [];

    public static readonly Actor Clerk = new("clerk-dinkes", "Siti", Roles.Opd, null, "DINKES");
    public static readonly Actor Staf = new("staf-01", "Budi", Roles.StafIt, TestTokens.SampleNip);
    public static readonly Actor Kasi = new("kasi-01", "Kasi", Roles.KasiAplikasi, TestTokens.SampleNip);
    public static readonly Actor Programmer = new("prog-01", "Andi", Roles.Programmer, "199205102018011003");
    public static readonly Actor Security = new("sec-01", "Rina", Roles.AppSecurity, "199001012015032002");

    public static DateTimeOffset Wib(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, TimeSpan.FromHours(7));

    public static readonly Schedule DefaultSchedule = new(new(2026, 7, 6), new(2026, 7, 10), new(2026, 7, 14), new(2026, 7, 16), new(2026, 7, 17));

    public RequestStory Submitted(DateTimeOffset at, int round = 1) => Add(new RequestSubmitted(Id, null, opd, at, Clerk, "Perbaikan SIMPUS", "fix", "SIMPUS", round, trackingCode));
    public RequestStory Returned(DateTimeOffset at, int round = 1) => Add(new RequestReturned(Id, null, opd, at, Staf, ["Nota"], "Lengkapi", round, trackingCode));
    public RequestStory Registered(DateTimeOffset at) => Add(new RequestRegistered(Id, number, opd, at, Staf, "Perbaikan SIMPUS", "fix", "SIMPUS", "d", null, at, trackingCode));
    public RequestStory Rejected(DateTimeOffset at) => Add(new RequestRejected(Id, number, opd, at, Kasi, "Bukan kewenangan"));
    public RequestStory Withdrawn(DateTimeOffset at) => Add(new RequestWithdrawn(Id, NumberIfRegistered, opd, at, Clerk, "Batal", trackingCode));
    public RequestStory TeamAssigned(DateTimeOffset at, Schedule? schedule = null, int revision = 1, string? letter = null) => Add(new TeamAssigned(Id, number, opd, at, Kasi,
        letter ?? $"800/{revision:000}/ST/Diskominfotik-2026", Programmer.Nip!, [new TeamMember(Programmer.Nip!, "Andi", Roles.Programmer), new TeamMember(Security.Nip!, "Rina", Roles.AppSecurity)],
        schedule ?? DefaultSchedule, "Perbaiki laporan", "Perbaikan SIMPUS", revision));
    public RequestStory Started(DateTimeOffset at, int round = 1, int? teamRevision = null) => Add(new WorkStarted(Id, number, opd, at, Programmer, round, teamRevision));
    public RequestStory WithdrawalAsked(DateTimeOffset at) => Add(new WithdrawalRequested(Id, number, opd, at, Clerk, "Batal",
        new RequestRegistered(Id, number, opd, at, Staf, "Perbaikan SIMPUS", "fix", "SIMPUS", "d", null, at, trackingCode)));
    public RequestStory WithdrawalRefused(DateTimeOffset at, DateTimeOffset asked) => Add(new WithdrawalRefused(Id, number, opd, at, Clerk, "A team was assigned", asked));
    public RequestStory TeamChangeAsked(DateTimeOffset at, int revision) => Add(new TeamChangeRequested(Id, number, opd, at, Kasi, Programmer.Nip!,
        [new TeamMember(Programmer.Nip!, "Andi", Roles.Programmer)], DefaultSchedule, "Perbaiki laporan", "Perbaikan SIMPUS", revision));
    public RequestStory TeamChangeAccepted(DateTimeOffset at, int revision) => Add(new TeamChangeAccepted(Id, number, opd, at, Kasi, revision));
    public RequestStory TeamChangeRefused(DateTimeOffset at, int revision) => Add(new TeamChangeRefused(Id, number, opd, at, Kasi, revision, "started"));
    public RequestStory Reported(DateTimeOffset at, int round = 1) => Add(new ExecutionReported(Id, number, opd, at, Programmer, round, "done"));
    public RequestStory InternalCheck(DateTimeOffset at, bool passed, int round = 1) => Add(new InternalCheckCompleted(Id, number, opd, at, Security, round, passed,
        passed ? [] : [new Finding("high", "SQL injection")], $"BA/{Messages.Count:0000}/Diskominfotik/2026"));
    public RequestStory OwnerCheck(DateTimeOffset at, bool accepted, int round = 1) => Add(new OwnerCheckCompleted(Id, number, opd, at, Clerk, round, accepted,
        accepted ? [] : [new Finding("medium", "Format tanggal")], $"BA/{Messages.Count:0000}/Diskominfotik/2026"));
    public RequestStory HandedOver(DateTimeOffset at) => Add(new RequestHandedOver(Id, number, opd, at, Kasi,
        new Person(TestTokens.SampleNip, "Kasi"), new Person("197806152005012001", "dr. Andi"), $"BA/{Messages.Count:0000}/Diskominfotik/2026"));

    private RequestStory Add(IIntegrationEvent m) { Messages.Add(m); return this; }

    public async Task DeliverAsync(IAlbaHost host)
    {
        foreach (var m in Messages) await host.InvokeMessageAndWaitAsync(m);
    }
}

public static class Tokens
{
    public static readonly string Auditor = TestTokens.For(Roles.Auditor);
    public static readonly string Kasi = TestTokens.For(Roles.KasiAplikasi);
    public static readonly string Operator = TestTokens.For(Roles.Operator);
    public static readonly string Opd = TestTokens.For(Roles.Opd, opd: "DINKES");
    public static readonly string OtherOpd = TestTokens.For(Roles.Opd, opd: "BAPPEDA");
}

public static class Http
{
    public static async Task<T> GetJson<T>(this IAlbaHost host, string url, string token)
    {
        var result = await host.Scenario(s => { s.Get.Url(url); s.As(token); s.StatusCodeShouldBeOk(); });
        return (await result.ReadAsJsonAsync<T>())!;
    }

    public static readonly WorkingCalendar Calendar = new(CalendarOptions.Shipped());
}
