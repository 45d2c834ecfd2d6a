using Microsoft.AspNetCore.Http;

namespace Spbe.ServiceDefaults;

/// <summary>One page of a list (API.md): <c>{ items, page, pageSize, total }</c>.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Reads and checks <c>page</c> and <c>pageSize</c>.</summary>
    public static (int page, int pageSize) Read(int? page, int? pageSize, Errors errors)
    {
        var p = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (p < 1) errors.Add("page", "Must be 1 or more.");
        if (size is < 1 or > MaxPageSize) errors.Add("pageSize", $"Must be from 1 to {MaxPageSize}.");
        return (p, size);
    }
}
