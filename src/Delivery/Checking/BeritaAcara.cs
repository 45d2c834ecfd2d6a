using Marten;
using Spbe.ServiceDefaults;
using Spbe.Sop;

namespace Spbe.Delivery.Checking;

/// <summary>Berita Acara numbers (internal check, owner check, handover): one gap-free series per year, taken inside the command's transaction.</summary>
public static class BeritaAcara
{
    public static Task<string> TakeAsync(IDocumentSession session, DeliveryOptions options, DateTimeOffset now, CancellationToken ct) =>
        DocumentCounters.TakeAsync(session, DocumentNumbers.BeritaAcaraSeries, options.BeritaAcaraNumberFormat, now, ct);
}
