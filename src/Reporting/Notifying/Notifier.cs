using System.Security.Cryptography;
using System.Text;
using Marten;
using Wolverine;

namespace Spbe.Reporting.Notifying;

/// <summary>Keeps decided notices: stored with the session of the handling transaction, their mail queued in its outbox.</summary>
public static class Notifier
{
    /// <summary>
    /// Stores each notice under its deterministic id and queues its mail. With <paramref name="skipExisting"/> a notice
    /// already stored (a redelivered deadline check) is left alone; the audit log's unique key does that for messages.
    /// </summary>
    public static async Task KeepAsync(IDocumentSession session, IMessageBus bus, string cause, IEnumerable<NoticeDraft> drafts,
        DateTimeOffset at, DateTimeOffset now, bool skipExisting)
    {
        foreach (var d in drafts)
        {
            var id = $"{cause}|{d.To.Audience}";
            if (skipExisting && await session.LoadAsync<Notice>(id) is not null) continue;
            // Insert, not upsert: a second handling racing this one (two nodes recovering one check) fails on the key and rolls back its mail.
            session.Insert(new Notice
            {
                Id = id, Audience = d.To.Audience, RecipientName = d.To.Name, UserId = d.To.UserId, Nip = d.To.Nip,
                Addresses = d.To.Addresses.ToList(), Kind = d.Kind, RequestId = d.RequestId, RequestLabel = d.RequestLabel,
                Subject = d.Subject, Body = d.Body, Link = d.Link, At = at.ToUniversalTime(), CreatedAt = now.ToUniversalTime(), MessageId = MessageIdOf(id),
            });
            await bus.PublishAsync(new SendNoticeMail(id));
        }
    }

    /// <summary>The mail's Message-ID, the same for every attempt at one notice: a mail store that sees it twice can tell.</summary>
    public static string MessageIdOf(string noticeId) =>
        $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(noticeId)))[..40]}@notice.spbe";
}
