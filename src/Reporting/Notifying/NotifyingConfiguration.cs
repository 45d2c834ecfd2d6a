using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Spbe.Reporting.Notifying;

/// <summary>The notifications module: settings, its documents, its local queues and how mail failures are retried.</summary>
public static class NotifyingConfiguration
{
    public const string MailQueue = "notice-mail";
    public const string DeadlineQueue = "notice-deadlines";

    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Notifications").Get<NotificationOptions>() ?? new NotificationOptions();
        if (options.ReminderShare is <= 0 or >= 1) throw new InvalidOperationException("Notifications:ReminderShare must be between 0 and 1.");
        if (options.Smtp.Problem() is { } smtp) throw new InvalidOperationException(smtp);
        Spbe.Hosting.ProductionGuard.Enforce(builder, "Reporting",
            [Spbe.Hosting.ProductionGuard.Https(builder.Configuration, "Notifications:PortalBaseUrl", "the portal address every notice links to")]);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<MailSender>();
        return builder;
    }

    public static void Marten(StoreOptions opts)
    {
        opts.Schema.For<Notice>().Duplicate(n => n.Audience).Duplicate(n => n.Nip!).Duplicate(n => n.At).Index(n => n.RequestId);
        opts.Schema.For<NotificationProfile>().Duplicate(p => p.Nip!);
    }

    // By name, as Concurrency.IsConflict does: the type has moved between Marten's and its dependencies' assemblies.
    private static bool IsDuplicateNotice(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x.GetType().Name == "DocumentAlreadyExistsException") return true;
        return false;
    }

    public static void Wolverine(WolverineOptions opts)
    {
        // Both queues are durable (the service's policy for local queues): a mail or a check waits in PostgreSQL, not in memory.
        opts.PublishMessage<SendNoticeMail>().ToLocalQueue(MailQueue);
        opts.LocalQueue(MailQueue).Sequential();
        opts.PublishMessage<StepDeadlineReached>().ToLocalQueue(DeadlineQueue);

        // Two handlings of one deadline check raced to insert its notice: the loser retries and finds it there.
        opts.Policies.OnException(IsDuplicateNotice)
            .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250));

        // An SMTP server away or refusing for a while: try again later rather than dead-letter at once.
        opts.Policies.OnException<SocketException>().Or<IOException>().Or<SmtpCommandException>().Or<SmtpProtocolException>().Or<ServiceNotConnectedException>()
            .RetryWithCooldown(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5))
            .Then.ScheduleRetry(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1));
    }
}
