using Microsoft.AspNetCore.Http;

namespace Spbe.ServiceDefaults;

/// <summary>One page of a list: <c>{ items, page, pageSize, total }</c>.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The last page anyone may ask for: every page's offset, (page − 1) × pageSize, stays a 32-bit number.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    /// <summary>Reads and checks <c>page</c> and <c>pageSize</c>, given as text so that "abc" is a 400, not the default.</summary>
    public static (int page, int pageSize) Read(string? page, string? pageSize, Errors errors)
    {
        var p = Number(page, "page", 1, 1, MaxPage, errors);
        var size = Number(pageSize, "pageSize", DefaultPageSize, 1, MaxPageSize, errors);
        return (p, size);
    }

    /// <summary>An optional whole number in [min, max] from a query string; a value that is not one is an error, not ignored.</summary>
    public static int Number(string? text, string field, int fallback, int min, int max, Errors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(field, $"A whole number from {min} to {max}.");
            return fallback;
        }
        return value;
    }
}
