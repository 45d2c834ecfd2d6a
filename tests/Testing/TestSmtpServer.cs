using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Spbe.Testing;

/// <summary>A mail as the SMTP server received it.</summary>
/// <param name="NoticeId">The <c>X-Spbe-Notice</c> header: which notice it carries.</param>
public sealed record ReceivedMail(string MessageId, IReadOnlyList<string> To, string Subject, string Body, string? NoticeId);

/// <summary>A real SMTP server (the SmtpServer package) on a free loopback port, keeping every mail it accepts in order.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _mails = new();
    private readonly Task _running;

    public int Port { get; }

    public TestSmtpServer()
    {
        Port = Spbe.Hosting.LocalPorts.Free();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_mails));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public IReadOnlyList<ReceivedMail> Mails => _mails.ToList();

    /// <summary>Waits (polling, bounded) until the mails received satisfy <paramref name="condition"/>; the mails then.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(Func<IReadOnlyList<ReceivedMail>, bool> condition, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var mails = Mails;
            if (condition(mails)) return mails;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"The SMTP server has {mails.Count} mails, not what was waited for:\n" +
                    string.Join("\n", mails.Select(m => $"{string.Join(",", m.To)}: {m.Subject}")));
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<ReceivedMail> mails) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, ct);
            mails.Enqueue(new ReceivedMail(message.MessageId ?? "", message.To.Mailboxes.Select(m => m.Address).ToList(), message.Subject ?? "",
                message.TextBody ?? "", message.Headers["X-Spbe-Notice"]));
            return SmtpResponse.Ok;
        }
    }
}
