using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Spbe.Documents;

/// <summary>One document of a resource, as <c>GET …/{id}/documents</c> lists it.</summary>
/// <param name="Kind">The kind (<c>surat-tugas</c>); several of a kind differ by <paramref name="Name"/> (<c>surat-tugas-2</c>).</param>
/// <param name="Sha256">The SHA-256 of the PDF, as its event's integration message carried it to the audit log.</param>
/// <param name="VerificationCode">What the PDF's QR code carries to the public verification.</param>
/// <param name="Url">Where the PDF is: <c>…/documents/{name}</c>.</param>
public sealed record DocumentEntry(string Kind, string Name, string Title, string Number, DateOnly Date, string Sha256, string VerificationCode, string Url);

/// <summary>What the services' document endpoints share: the list, the PDF answer, the registration.</summary>
public static class DocumentsEndpoints
{
    /// <summary>Registers the kit with the office's settings (section <c>Documents</c>).</summary>
    public static IHostApplicationBuilder AddDocuments(this IHostApplicationBuilder builder)
    {
        // The QR code of every letter opens this address: a localhost default in a letter would verify nothing.
        Spbe.Hosting.ProductionGuard.Enforce(builder, builder.Environment.ApplicationName,
            [Spbe.Hosting.ProductionGuard.Https(builder.Configuration, "Documents:VerifyBaseUrl", "the public verification page each letter's QR code opens")]);
        builder.Services.Configure<DocumentOptions>(builder.Configuration.GetSection("Documents"));
        builder.Services.AddSingleton(sp => new DocumentKit(sp.GetRequiredService<IOptions<DocumentOptions>>()));
        return builder;
    }

    /// <summary>The letters rendered and listed, each with the address of its PDF under <paramref name="basePath"/>.</summary>
    public static IReadOnlyList<DocumentEntry> List(this DocumentKit kit, IEnumerable<Letter> letters, string basePath) =>
        letters.Select(kit.Render)
            .Select(d => new DocumentEntry(d.Letter.Kind, d.Letter.Name, d.Letter.Title, d.Letter.Number, d.Letter.Date, d.Sha256,
                d.VerificationCode, $"{basePath.TrimEnd('/')}/{d.Letter.Name}"))
            .ToList();

    /// <summary>
    /// The letter a <c>{kind}</c> segment names: its exact name (<c>surat-tugas-2</c>), or a kind alone for the
    /// latest of that kind (<c>surat-tugas</c>); null when there is none.
    /// </summary>
    public static Letter? Find(IReadOnlyList<Letter> letters, string kind) =>
        letters.FirstOrDefault(l => l.Name == kind) ?? letters.LastOrDefault(l => l.Kind == kind);

    /// <summary>The PDF, to read in the browser or save (its name from kind and number).</summary>
    public static IResult Pdf(RenderedDocument document) =>
        Results.File(document.Pdf, "application/pdf", document.FileName);
}
