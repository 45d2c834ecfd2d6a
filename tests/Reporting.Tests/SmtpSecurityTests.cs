using Shouldly;
using Spbe.Reporting.Notifying;
using Spbe.Testing;
using Xunit;

namespace Spbe.Reporting.Tests;

/// <summary>The SMTP password never travels in clear: STARTTLS is required, not taken when offered.</summary>
public sealed class SmtpSecurityTests
{
    [Fact]
    public async Task a_server_that_offers_no_starttls_gets_no_mail_and_the_error_says_why()
    {
        await using var server = new TestSmtpServer(); // plain SMTP, no STARTTLS extension: as if someone stripped the offer
        var options = new NotificationOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, UserName = "spbe", Password = "rahasia" } };
        options.Smtp.Problem().ShouldBeNull();

        var refused = await Should.ThrowAsync<NotSupportedException>(() => new MailSender(options).SendAsync(
            new Notice { Id = "n-1", Subject = "Uji", Body = "Uji", MessageId = "n-1@spbe.test", CreatedAt = DateTimeOffset.UtcNow }, ["sekretariat@dinkes.test"], CancellationToken.None));
        refused.Message.ShouldContain("STARTTLS");
        server.Mails.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("auto", null, "must be starttls (the default), tls or none")]
    [InlineData("none", "spbe", "would send the SMTP password in clear")]
    public void settings_that_could_expose_the_password_stop_the_start(string security, string? user, string why) =>
        new SmtpOptions { Host = "smtp.test", Security = security, UserName = user }.Problem()!.ShouldContain(why);
}
