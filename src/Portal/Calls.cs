using Spbe.Clients;

namespace Spbe.Portal;

/// <summary>
/// The outcome of a command sent to a service, as a form shows it: the field errors of a 400 beside
/// their fields, the reason of a 409, "reload" after a lost race (412), or what was done.
/// </summary>
public sealed class Outcome
{
    public Dictionary<string, IReadOnlyList<string>> FieldErrors { get; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public string? Done { get; private set; }
    public bool Reload { get; private set; }
    public bool Ok => Error is null && FieldErrors.Count == 0;

    public string? For(string field) => FieldErrors.TryGetValue(field, out var messages) ? string.Join(" ", messages.Select(Texts.Reason)) : null;

    /// <summary>Refuses before calling, with the fields the portal itself could not turn into a request.</summary>
    public void Refuse(IReadOnlyDictionary<string, string> errors)
    {
        FieldErrors.Clear();
        (Error, Done, Reload) = (Texts.T("Periksa isian yang ditandai."), null, false);
        foreach (var (field, message) in errors) FieldErrors[field] = [message];
    }

    /// <summary>Runs the call, which answers what to tell (an answer that depends on the outcome, e.g. 200 or 202); true when it succeeded.</summary>
    public async Task<bool> RunAsync(Func<Task<string>> call)
    {
        string? done = null;
        if (!await RunAsync(async () => done = await call(), "")) return false;
        Done = Texts.T(done!);
        return true;
    }

    /// <summary>Runs the call; true when it succeeded.</summary>
    public async Task<bool> RunAsync(Func<Task> call, string done)
    {
        FieldErrors.Clear();
        (Error, Done, Reload) = (null, null, false);
        try
        {
            await call();
            Done = Texts.T(done);
            return true;
        }
        catch (ApiException<ValidationProblem> e)
        {
            foreach (var (field, messages) in e.Result.Errors) FieldErrors[field] = messages;
            Error = Texts.T("Periksa isian yang ditandai.");
        }
        catch (ApiException<Problem> e) when (e.StatusCode == 412)
        {
            Reload = true;
            Error = Texts.T("Data berubah sejak Anda membukanya. Muat ulang halaman lalu coba lagi; tidak ada yang hilang.");
        }
        catch (ApiException<Problem> e)
        {
            Error = e.Result.Detail ?? e.Result.Title ?? e.Message;
        }
        catch (ApiException e) when (e.StatusCode is 503 or 502)
        {
            Error = Texts.T("Layanan sedang tidak dapat dihubungi. Coba lagi sebentar lagi.");
        }
        catch (HttpRequestException)
        {
            Error = Texts.T("Layanan sedang tidak dapat dihubungi. Coba lagi sebentar lagi.");
        }
        return false;
    }

    /// <summary>A read: the value, or null when it is not there (404) or not the reader's.</summary>
    public static async Task<T?> ReadAsync<T>(Func<Task<T>> call) where T : class
    {
        try { return await call(); }
        catch (ApiException e) when (e.StatusCode is 404 or 403) { return null; }
    }
}
