using MailKit.Net.Smtp;
using MailKit.Security;
using Marten;
using MimeKit;

namespace Spbe.Reporting.Notifying;

/// <summary>Mail one stored notice. Sent through a durable local queue, so a crash before it is handled loses nothing.</summary>
public sealed record SendNoticeMail(string NoticeId);

/// <summary>
/// Hands a notice's mail to the SMTP server once: a notice already mailed (<see cref="Notice.MailedAt"/>) is skipped, and
/// the marker is committed with the handling. What is left is the moment between the server's acceptance and that
/// commit: a crash there sends the mail again, with the same Message-ID.
/// </summary>
public static class SendNoticeMailHandler
{
    public static async Task Handle(SendNoticeMail command, IDocumentSession session, NotificationOptions options, MailSender sender, TimeProvider clock, CancellationToken ct)
    {
        var notice = await session.LoadAsync<Notice>(command.NoticeId, ct);
        if (notice is null || notice.MailedAt is not null) return;

        var profile = notice.UserId is not null ? await session.LoadAsync<NotificationProfile>(notice.UserId, ct)
            : notice.Nip is not null ? await session.Query<NotificationProfile>().FirstOrDefaultAsync(p => p.Nip == notice.Nip, ct)
            : null;
        // The directory's addresses first; a person it has none for gets the address their token carried.
        var addresses = notice.Addresses.Count > 0 ? notice.Addresses
            : profile?.Email is { Length: > 0 } own ? [own] : [];

        notice.MailStatus =
            profile is { EmailEnabled: false } ? "opted-out"
            : addresses.Count == 0 ? "no-address"
            : !options.Smtp.Enabled ? "mail-off"
            : "sent";
        if (notice.MailStatus == "sent") await sender.SendAsync(notice, addresses, ct);
        notice.MailedAt = clock.GetUtcNow();
        session.Store(notice);
    }
}

/// <summary>MailKit, one connection per mail (a handful of mails a minute; no pool to keep healthy).</summary>
public sealed class MailSender(NotificationOptions options)
{
    public async Task SendAsync(Notice notice, IReadOnlyList<string> addresses, CancellationToken ct)
    {
        var mail = new MimeMessage { Subject = notice.Subject, MessageId = notice.MessageId, Date = notice.CreatedAt };
        mail.From.Add(MailboxAddress.Parse(options.From));
        foreach (var address in addresses) mail.To.Add(MailboxAddress.Parse(address));
        mail.Headers.Add("X-Spbe-Notice", notice.Id);
        mail.Body = new TextPart("plain") { Text = notice.Body };

        using var smtp = new SmtpClient();
        // Checked at start (SmtpOptions.Problem): one of the three.
        var security = options.Smtp.Security switch
        {
            "none" => SecureSocketOptions.None,
            "tls" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await smtp.ConnectAsync(options.Smtp.Host!, options.Smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(options.Smtp.UserName)) await smtp.AuthenticateAsync(options.Smtp.UserName, options.Smtp.Password ?? "", ct);
        await smtp.SendAsync(mail, ct);
        await smtp.DisconnectAsync(true, ct);
    }
}
