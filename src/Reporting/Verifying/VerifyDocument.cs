using Microsoft.Extensions.Options;
using Npgsql;
using Spbe.Documents;
using Spbe.ServiceDefaults;

namespace Spbe.Reporting.Verifying;

/// <summary>
/// The public verification of an official document, without login: anyone holding a PDF (its SHA-256) or a
/// printed one (the code its QR code carries) asks whether the office issued it. The answer tells the kind,
/// number, date and office, nothing of the content; any other hash, a changed PDF's too, is 404.
/// </summary>
/// <remarks>
/// A minimal-API endpoint outside the authorization matrix, like <c>/health</c>: the matrix's rows are the
/// endpoints that need a token, and this one is public by design.
/// </remarks>
public static class VerifyDocument
{
    public const string Path = "/verify/{hash}";

    public static WebApplication MapVerifyDocument(this WebApplication app)
    {
        app.MapGet(Path, Get)
            .AllowAnonymous()
            .WithName("verifyDocument")
            .WithSummary("Public, no login: whether a document with this SHA-256 (or verification code) was issued, with its kind, number, date and office")
            .Produces<DocumentVerification>()
            .ProducesProblem(404);
        return app;
    }

    public static async Task<IResult> Get(string hash, NpgsqlDataSource database, IOptions<DocumentOptions> office, HttpContext http)
    {
        var h = hash.Trim().ToLowerInvariant();
        if (h.Length != 64 || !h.All(Uri.IsHexDigit)) return Problems.NotFound("document");
        var found = await IssuedDocuments.FindAsync(database, h, http.RequestAborted);
        if (found is not { } d) return Problems.NotFound("document");
        return Results.Ok(new DocumentVerification(true, d.Kind, d.Title, d.Number, d.Date, office.Value.Office));
    }
}
