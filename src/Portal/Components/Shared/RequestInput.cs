using System.Globalization;
using Spbe.Clients.Intake;

namespace Spbe.Portal.Components.Shared;

/// <summary>The request form as typed in the browser: text, so that what the service refuses is shown as it was typed.</summary>
public sealed class RequestInput
{
    /// <summary>Drawn when a new request's form is first shown; sent as the submission's Idempotency-Key.</summary>
    public string? IdempotencyKey { get; set; }
    public string? Title { get; set; }
    public string? Category { get; set; }
    public string? ApplicationName { get; set; }
    public string? Description { get; set; }
    public string? DesiredDate { get; set; }
    public string? MemoNumber { get; set; }
    public string? MemoDate { get; set; }
    public string? SignatoryName { get; set; }
    public string? SignatoryNip { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }

    public static RequestInput From(RequestView r) => new()
    {
        Title = r.Title, Category = r.Category, ApplicationName = r.ApplicationName, Description = r.Description,
        DesiredDate = r.DesiredDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        MemoNumber = r.RequestMemo.Number, MemoDate = r.RequestMemo.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        SignatoryName = r.RequestMemo.SignedBy.Name, SignatoryNip = r.RequestMemo.SignedBy.Nip,
        ContactName = r.Contact.Name, ContactPhone = r.Contact.Phone, ContactEmail = r.Contact.Email,
    };

    /// <summary>
    /// The body for the service. What the typed client cannot carry (a date that is no date, no category)
    /// is named here, in the same fields the service would name; everything else the service judges.
    /// </summary>
    public bool TryBuild(Outcome outcome, out RequestForm? form)
    {
        form = null;
        var errors = new Dictionary<string, string>();
        var category = Wire.Parse<RequestFormCategory>(Category);
        if (category is null) errors["category"] = Texts.T("Pilih kategori.");
        DateOnly? desired = null;
        if (!string.IsNullOrWhiteSpace(DesiredDate))
        {
            if (DateOnly.TryParseExact(DesiredDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) desired = d;
            else errors["desiredDate"] = Texts.T("Tanggal tidak valid.");
        }
        DateOnly memoDate = default;
        if (string.IsNullOrWhiteSpace(MemoDate)) errors["requestMemo.date"] = Texts.T("Wajib diisi.");
        else if (!DateOnly.TryParseExact(MemoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out memoDate)) errors["requestMemo.date"] = Texts.T("Tanggal tidak valid.");
        if (errors.Count > 0)
        {
            outcome.Refuse(errors);
            return false;
        }
        form = new RequestForm
        {
            Title = Title ?? "", Category = category!.Value, ApplicationName = ApplicationName ?? "", Description = Description ?? "", DesiredDate = desired,
            RequestMemo = new RequestMemoForm { Number = MemoNumber ?? "", Date = memoDate, SignedBy = new SignatoryForm { Name = SignatoryName ?? "", Nip = SignatoryNip ?? "" } },
            Contact = new ContactForm { Name = ContactName ?? "", Phone = ContactPhone ?? "", Email = ContactEmail ?? "" },
        };
        return true;
    }
}
