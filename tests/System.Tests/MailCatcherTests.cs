using Aspire.Hosting;
using Shouldly;
using Spbe.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Spbe.System.Tests;

/// <summary>The AppHost's development mail catcher (smtp4dev) gets what Reporting mails, addressed from the demo people.</summary>
[Collection("apphost")]
public sealed class MailCatcherTests(ITestOutputHelper output)
{
    [Fact]
    public async Task a_submission_lands_in_the_mail_catcher_addressed_to_the_demo_staf_it()
    {
        await using var host = await AspireSystem.StartAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
            await host.App.ResourceNotifications.WaitForResourceHealthyAsync("mail", timeout.Token);
        var d = new SystemDriver(host);
        await d.LoginAsync();
        await d.SubmittedAsync();

        var messages = "";
        await host.WaitUntilAsync(async () =>
        {
            messages = await host.Http.GetStringAsync($"{host.Url("mail")}/api/messages");
            return messages.Contains("budi.santoso@", StringComparison.OrdinalIgnoreCase);
        }, TimeSpan.FromSeconds(90), "the submission's mail in smtp4dev");
        output.WriteLine(messages);
        messages.ShouldContain("menunggu verifikasi");
    }
}
