using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Spbe.Reporting.Timelines;
using Spbe.ServiceDefaults;
using Spbe.Sop;
using Wolverine.Http;

namespace Spbe.Reporting.Sla;

/// <summary>An overdue step; <c>Number</c> (the register number) is null for a request not yet registered.</summary>
public sealed record OverdueStep(Guid RequestId, string? Number, string Opd, int Step, string Name, int Round,
    DateTimeOffset OpenedAt, double WorkingHours, double? StandardHours, DateTimeOffset? Deadline);

/// <summary>Open steps past their standard now, longest open first.</summary>
public static class GetOverdue
{
    [WolverineGet("/sla/overdue", OperationId = "listOverdueSteps")]
    [EndpointSummary("Open steps past their standard now")]
    [ProducesResponseType<ListPage<OverdueStep>>(200), ProducesResponseType(400)]
    public static async Task<IResult> Get(HttpContext http, NpgsqlDataSource database, CalendarTable calendar, TimeProvider clock, string? page, string? pageSize)
    {
        var errors = new Errors();
        var (p, size) = Paging.Read(page, pageSize, errors);
        if (errors.Any) return errors.ToResult();
        await calendar.EnsureSyncedAsync();

        var items = new List<OverdueStep>();
        long total = 0;
        await using var cmd = database.CreateCommand(
            $"with o as ({SlaSql.OverdueSteps}) select o.*, count(*) over () as total from o order by opened limit @limit offset @offset");
        cmd.Parameters.AddWithValue("now", clock.GetUtcNow());
        calendar.AddHours(cmd);
        cmd.Parameters.AddWithValue("limit", size);
        cmd.Parameters.AddWithValue("offset", (p - 1) * size);
        await using var r = await cmd.ExecuteReaderAsync(http.RequestAborted);
        while (await r.ReadAsync(http.RequestAborted))
        {
            var step = r.GetInt32(1);
            items.Add(new OverdueStep(r.GetGuid(0), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), step, SopStandards.StepNames[step], r.GetInt32(2),
                r.GetFieldValue<DateTimeOffset>(8), Math.Round(r.GetDouble(9) / 3600, 3),
                r.IsDBNull(6) ? null : r.GetDouble(6) / 3600, r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10)));
            total = r.GetInt64(11);
        }
        return Results.Ok(new ListPage<OverdueStep>(items, p, size, total));
    }
}
