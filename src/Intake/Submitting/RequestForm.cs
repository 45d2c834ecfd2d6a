using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net.Mail;
using Spbe.Contracts;
using Spbe.ServiceDefaults;

namespace Spbe.Intake.Submitting;

/// <summary>The body of submit and amend, as sent: every field optional here so that each missing or malformed one is named in the 400.</summary>
public sealed record RequestForm(
    [property: Required, MaxLength(RequestFormValidator.TitleMax), Description("What is asked, e.g. \"Penambahan modul cuti pegawai\".")] string? Title,
    [property: Required, OneOf(typeof(RequestFormValidator), nameof(RequestFormValidator.Categories))] string? Category,
    [property: Required, MaxLength(RequestFormValidator.NameMax), Description("The application concerned, e.g. \"SIMPEG\".")] string? ApplicationName,
    [property: Required, MaxLength(RequestFormValidator.DescriptionMax)] string? Description,
    [property: DateField, Description("When the OPD would like it done; not in the past.")] string? DesiredDate,
    [property: Required] RequestMemoForm? RequestMemo,
    [property: Required] ContactForm? Contact);

/// <summary>The Nota permintaan layanan: the signed memo the request rests on.</summary>
public sealed record RequestMemoForm(
    [property: Required, MaxLength(RequestFormValidator.MemoNumberMax), Description("The memo's own number, e.g. \"005/123/DINKES/2026\".")] string? Number,
    [property: Required, DateField, Description("Not in the future.")] string? Date,
    [property: Required] SignatoryForm? SignedBy);

public sealed record SignatoryForm(
    [property: Required, MaxLength(RequestFormValidator.NameMax)] string? Name,
    [property: Required, RegularExpression("^[0-9]{18}$"), Description("NIP: 18 digits.")] string? Nip);

public sealed record ContactForm(
    [property: Required, MaxLength(RequestFormValidator.NameMax)] string? Name,
    [property: Required, MaxLength(30), RegularExpression(@"^[0-9+ ()\-]+$")] string? Phone,
    [property: Required, MaxLength(254), EmailAddress] string? Email);

/// <summary>Checks a request form's shape; pure, so tests call it directly.</summary>
public static class RequestFormValidator
{
    public const int TitleMax = 200, NameMax = 200, DescriptionMax = 5000, MemoNumberMax = 100;

    public static readonly IReadOnlyDictionary<string, Category> Categories = new Dictionary<string, Category>
    {
        ["new-application"] = Category.NewApplication,
        ["change"] = Category.Change,
        ["fix"] = Category.Fix,
        ["integration"] = Category.Integration,
        ["hosting"] = Category.Hosting,
        ["other"] = Category.Other,
    };

    /// <summary>The details, or the errors per field. <paramref name="today"/> is the WIB date now.</summary>
    public static (RequestDetails? Details, Errors Errors) Validate(RequestForm? form, DateOnly today)
    {
        var errors = new Errors();
        if (form is null) return (null, errors.Add("body", "A JSON body is required."));

        var title = errors.Text("title", form.Title, TitleMax);
        Category? category = null;
        if (string.IsNullOrWhiteSpace(form.Category)) errors.Add("category", "Required.");
        else if (Categories.TryGetValue(form.Category.Trim(), out var c)) category = c;
        else errors.Add("category", $"Unknown category; one of: {string.Join(", ", Categories.Keys)}.");
        var application = errors.Text("applicationName", form.ApplicationName, NameMax);
        var description = errors.Text("description", form.Description, DescriptionMax);

        DateOnly? desired = null;
        if (!string.IsNullOrWhiteSpace(form.DesiredDate))
        {
            if (!TryDate(form.DesiredDate, out var d)) errors.Add("desiredDate", "A date as yyyy-MM-dd.");
            else if (d < today) errors.Add("desiredDate", "Cannot be in the past.");
            else desired = d;
        }

        RequestMemo? memo = null;
        if (form.RequestMemo is null) errors.Add("requestMemo", "Required: the number, date and signatory of the Nota permintaan layanan.");
        else
        {
            var number = errors.Text("requestMemo.number", form.RequestMemo.Number, MemoNumberMax);
            DateOnly memoDate = default;
            if (string.IsNullOrWhiteSpace(form.RequestMemo.Date)) errors.Add("requestMemo.date", "Required.");
            else if (!TryDate(form.RequestMemo.Date, out memoDate)) errors.Add("requestMemo.date", "A date as yyyy-MM-dd.");
            else if (memoDate > today) errors.Add("requestMemo.date", "Cannot be in the future.");
            Signatory? signatory = null;
            if (form.RequestMemo.SignedBy is null) errors.Add("requestMemo.signedBy", "Required: name and NIP of who signed the memo.");
            else
            {
                var name = errors.Text("requestMemo.signedBy.name", form.RequestMemo.SignedBy.Name, NameMax);
                var nip = form.RequestMemo.SignedBy.Nip?.Trim();
                if (!Nip.IsValid(nip, out var why)) errors.Add("requestMemo.signedBy.nip", why);
                if (name is not null && nip is not null) signatory = new Signatory(name, nip);
            }
            if (number is not null && signatory is not null) memo = new RequestMemo(number, memoDate, signatory);
        }

        Contact? contact = null;
        if (form.Contact is null) errors.Add("contact", "Required: name, phone and email of the contact person.");
        else
        {
            var name = errors.Text("contact.name", form.Contact.Name, NameMax);
            var phone = errors.Text("contact.phone", form.Contact.Phone, 30);
            if (phone is not null && !phone.All(ch => char.IsAsciiDigit(ch) || ch is '+' or ' ' or '-' or '(' or ')'))
                errors.Add("contact.phone", "Digits, spaces and + - ( ) only.");
            var email = errors.Text("contact.email", form.Contact.Email, 254);
            if (email is not null && !IsEmail(email)) errors.Add("contact.email", "Not an email address.");
            if (name is not null && phone is not null && email is not null) contact = new Contact(name, phone, email);
        }

        if (errors.Any) return (null, errors);
        return (new RequestDetails(title!, category!.Value, application!, description!, desired, memo!, contact!), errors);
    }

    private static bool TryDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    public static string Wire(Category category) => Categories.First(kv => kv.Value == category).Key;
}
