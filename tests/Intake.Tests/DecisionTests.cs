using System.Collections.Immutable;
using Shouldly;
using Spbe.Contracts;
using Spbe.Intake.Amending;
using Spbe.Intake.Attachments;
using Spbe.Intake.FollowingStatus;
using Spbe.Intake.Registering;
using Spbe.Intake.Resubmitting;
using Spbe.Intake.Returning;
using Spbe.Intake.Submitting;
using Spbe.Intake.Withdrawing;
using Spbe.Sop;
using Spbe.Testing;
using Xunit;

namespace Spbe.Intake.Tests;

/// <summary>The decisions as pure functions, no host.</summary>
public sealed class DecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 3, 0, 0, TimeSpan.Zero);
    private static readonly Actor Clerk = new("clerk", "Siti", Roles.Opd, null, "DINKES");
    private static readonly Actor Staf = new("staf", "Budi", Roles.StafIt, TestTokens.SampleNip);

    private static ServiceRequest Request(Category category = Category.Fix, params AttachmentKind[] attached)
    {
        var details = new RequestDetails("t", category, "app", "d", null,
            new RequestMemo("1", new DateOnly(2026, 1, 1), new Signatory("a", TestTokens.SampleNip)), new Contact("c", "1", "c@x.id"));
        var r = ServiceRequest.Create(new Submitted(Guid.NewGuid(), null, "DINKES", details, Clerk, Now, "K7M2Q9XP"));
        foreach (var kind in attached)
            r = r.Apply(new AttachmentAdded(r.Id, new Attachment(Guid.NewGuid(), kind, "f.pdf", "application/pdf", 1, "00", Now), Clerk, Now));
        return r;
    }

    [Fact]
    public void registration_of_a_complete_request_emits_registered_and_the_message_assignment_needs()
    {
        var decision = Register.Decide(Request(Category.Fix, AttachmentKind.RequestMemo), "SPBE/2026/00007", Staf, Now).ShouldBeOfType<Decision.Accepted>();
        decision.Events.ShouldHaveSingleItem().ShouldBeOfType<Registered>().Number.ShouldBe("SPBE/2026/00007");
        var message = decision.Messages.ShouldHaveSingleItem().ShouldBeOfType<RequestRegistered>();
        message.RequestNumber.ShouldBe("SPBE/2026/00007");
        message.TrackingCode.ShouldBe("K7M2Q9XP");
        message.SubmittedAt.ShouldBe(Now);
        message.Actor.ShouldBe(Staf);
    }

    [Fact]
    public void a_change_request_needs_its_change_memo() =>
        Register.Decide(Request(Category.Change, AttachmentKind.RequestMemo), "SPBE/2026/00007", Staf, Now).ShouldBeOfType<Decision.Refused>()
            .Reason.ShouldContain("change memo");

    [Fact]
    public void withdrawal_is_refused_once_a_team_is_assigned()
    {
        var assigned = Request() with { Status = RequestStatus.TeamAssigned };
        Withdraw.Decide(assigned, "x", Clerk, Now).ShouldBeOfType<Decision.Refused>();
        Withdraw.Decide(Request(), "x", Clerk, Now).ShouldBeOfType<Decision.Accepted>();
    }

    private static ServiceRequest Registered() =>
        Request(Category.Fix, AttachmentKind.RequestMemo).Apply(new Registered(Guid.Empty, Staf, Now, "SPBE/2026/00007"));

    [Fact]
    public void before_registration_intake_decides_the_withdrawal_and_after_it_asks_assignment()
    {
        var before = Withdraw.Decide(Request(), "x", Clerk, Now).ShouldBeOfType<Decision.Accepted>();
        before.Events.ShouldHaveSingleItem().ShouldBeOfType<Withdrawn>();
        before.Messages.ShouldHaveSingleItem().ShouldBeOfType<RequestWithdrawn>().RequestNumber.ShouldBeNull();

        var after = Withdraw.Decide(Registered(), "x", Clerk, Now.AddHours(1)).ShouldBeOfType<Decision.Accepted>();
        var pending = Registered().Apply(after.Events.ShouldHaveSingleItem().ShouldBeOfType<WithdrawalAsked>());
        pending.Status.ShouldBe(RequestStatus.WithdrawalRequested);
        var asked = after.Messages.ShouldHaveSingleItem().ShouldBeOfType<WithdrawalRequested>();
        (asked.RequestNumber, asked.Registration.OccurredAt, asked.Registration.Actor).ShouldBe(("SPBE/2026/00007", Now, Staf));
        Withdraw.Decide(pending, "again", Clerk, Now).ShouldBeOfType<Decision.Refused>().Reason.ShouldContain("already asked");
    }

    [Fact]
    public void a_pending_withdrawal_keeps_its_status_while_the_others_move_on_and_the_answer_settles_it()
    {
        var asked = Registered().Apply(new WithdrawalAsked(Guid.Empty, "x", Clerk, Now.AddHours(2)));
        var team = new TeamAssigned(asked.Id, "SPBE/2026/00007", "DINKES", Now.AddHours(1), Staf, "800/1", TestTokens.SampleNip, [],
            new Schedule(new(2026, 3, 2), new(2026, 3, 3), new(2026, 3, 4), new(2026, 3, 5), new(2026, 3, 6)), "s", "t", 1);
        // Older than the withdrawal, yet news: Intake's own acts do not make the others' messages late.
        var followed = asked.Apply((StatusFollowed)FollowStatus.Decide(asked, team, RequestStatus.TeamAssigned).ShouldHaveSingleItem());
        followed.Status.ShouldBe(RequestStatus.WithdrawalRequested);

        var refusal = new WithdrawalRefused(asked.Id, "SPBE/2026/00007", "DINKES", Now.AddHours(3), Staf, "team", Now.AddHours(2));
        followed.Apply((WithdrawalRefusalNoted)WithdrawalAnswerHandler.Decide(followed, refusal).ShouldHaveSingleItem()).Status.ShouldBe(RequestStatus.TeamAssigned);
        WithdrawalAnswerHandler.Decide(followed, refusal with { RequestedAt = Now }).ShouldBeEmpty();

        var withdrawn = new RequestWithdrawn(asked.Id, "SPBE/2026/00007", "DINKES", Now.AddHours(3), Clerk, "x");
        var closed = asked.Apply((Withdrawn)WithdrawalAnswerHandler.Decide(asked, withdrawn).ShouldHaveSingleItem());
        closed.Status.ShouldBe(RequestStatus.Withdrawn);
        WithdrawalAnswerHandler.Decide(closed, withdrawn).ShouldBeEmpty();
    }

    [Fact]
    public void following_a_message_already_followed_is_a_no_op()
    {
        var message = new WorkStarted(Guid.NewGuid(), "n", "DINKES", Now.AddHours(1), Staf, 1);
        var request = Request() with { FollowedMessages = ImmutableHashSet.Create(((IIntegrationEvent)message).Key) };
        FollowStatus.Decide(request, message, RequestStatus.InProgress).ShouldBeEmpty();
    }

    private static ServiceRequest Returned(ServiceRequest r) =>
        r.Apply(((Decision.Accepted)Return.Decide(r, ["nota"], "lengkapi", Staf, Now)).Events.OfType<Returned>().Single());

    [Fact]
    public void a_submission_starts_the_stream_and_tells_reporting_it_is_round_one()
    {
        var (submitted, message) = Submit.Decide(Guid.NewGuid(), "SPBE/2026/00001", "DINKES", Request().Details, Clerk, Now);
        submitted.Opd.ShouldBe("DINKES");
        message.Round.ShouldBe(1);
        message.Category.ShouldBe("fix");
    }

    [Fact]
    public void documents_are_attached_only_while_the_request_is_with_the_opd_or_submitted()
    {
        var attachment = new Attachment(Guid.NewGuid(), AttachmentKind.Other, "f.pdf", "application/pdf", 1, "00", Now);
        AddAttachment.Decide(Request(), attachment, Clerk, Now).ShouldBeOfType<Decision.Accepted>().Messages.ShouldBeEmpty();
        var registered = Request() with { Status = RequestStatus.Registered };
        AddAttachment.Decide(registered, attachment, Clerk, Now).ShouldBeOfType<Decision.Refused>().Reason.ShouldContain("registered");
    }

    [Fact]
    public void returning_names_what_is_missing_and_the_round()
    {
        var accepted = Return.Decide(Request(), ["nota"], "lengkapi", Staf, Now).ShouldBeOfType<Decision.Accepted>();
        var message = accepted.Messages.ShouldHaveSingleItem().ShouldBeOfType<RequestReturned>();
        message.Missing.ShouldBe(["nota"]);
        message.Round.ShouldBe(1);
        Return.Decide(Returned(Request()), ["x"], "y", Staf, Now).ShouldBeOfType<Decision.Refused>();
    }

    [Fact]
    public void only_a_returned_request_is_amended_and_resubmitted_as_the_next_round()
    {
        Amend.Decide(Request(), Request().Details, Clerk, Now).ShouldBeOfType<Decision.Refused>();
        Amend.Decide(Returned(Request()), Request().Details, Clerk, Now).ShouldBeOfType<Decision.Accepted>();
        Resubmit.Decide(Request(), Clerk, Now).ShouldBeOfType<Decision.Refused>();
        Resubmit.Decide(Returned(Request()), Clerk, Now).ShouldBeOfType<Decision.Accepted>()
            .Messages.ShouldHaveSingleItem().ShouldBeOfType<RequestSubmitted>().Round.ShouldBe(2);
    }

    [Fact]
    public void a_message_older_than_the_requests_last_change_is_not_followed()
    {
        var late = new TeamAssigned(Guid.NewGuid(), "n", "DINKES", Now.AddHours(-1), Staf, "800/001", TestTokens.SampleNip, [], null!, "s", "t", 1);
        FollowStatus.Decide(Request(), late, RequestStatus.TeamAssigned).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("198503122010011001", true)]
    [InlineData("199912312020122002", true)]
    [InlineData("19850312201001100", false)]   // 17 digits
    [InlineData("198502302010011001", false)]  // 30 February
    [InlineData("198503122010131001", false)]  // month 13 of appointment
    [InlineData("198503122000011001", false)]  // appointed at 14
    [InlineData("198503122010013001", false)]  // sex digit 3
    [InlineData("198503122010011000", false)]  // sequence 000
    [InlineData("19850312201001100a", false)]
    public void nip_validation(string nip, bool valid) => Nip.IsValid(nip).ShouldBe(valid);

    [Fact]
    public void document_numbers_follow_the_configured_format()
    {
        DocumentNumbers.Format("SPBE/{year}/{seq:00000}", 2026, 42).ShouldBe("SPBE/2026/00042");
        DocumentNumbers.Format("555/{seq}/Diskominfotik-{year}", 2026, 123).ShouldBe("555/123/Diskominfotik-2026");
    }
}

/// <summary>The tracking code, no host: its alphabet, its length, its spread.</summary>
public sealed class TrackingCodeTests
{
    [Fact]
    public void the_alphabet_has_no_look_alikes()
    {
        TrackingCode.Alphabet.Length.ShouldBe(31);
        TrackingCode.Alphabet.Distinct().Count().ShouldBe(31);
        foreach (var c in "01ILO") TrackingCode.Alphabet.ShouldNotContain(c);
    }

    [Fact]
    public void a_code_is_eight_characters_of_the_alphabet_and_codes_differ()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => TrackingCode.New()).ToList();
        codes.ShouldAllBe(c => c.Length == TrackingCode.Length && c.All(ch => TrackingCode.Alphabet.Contains(ch)));
        codes.ShouldAllBe(c => TrackingCode.IsValid(c));
        codes.Distinct().Count().ShouldBe(codes.Count); // 2,000 of 31^8: a repeat is about one in 10^6
        // Every character of the alphabet turns up (16,000 draws of 31; a missing one is below one in 10^200).
        codes.SelectMany(c => c).Distinct().Count().ShouldBe(31);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("K7M2Q9XP", true)]
    [InlineData("K7M2Q9X", false)]
    [InlineData("K7M2Q9XPZ", false)]
    [InlineData("k7m2q9xp", false)]
    [InlineData("K7M2Q9X0", false)]
    [InlineData("K7M2Q9XI", false)]
    public void validity(string? code, bool valid) => TrackingCode.IsValid(code).ShouldBe(valid);
}
