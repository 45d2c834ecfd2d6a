using Marten;
using Npgsql;
using Spbe.Sop;
using Weasel.Postgresql.Tables;

namespace Spbe.ServiceDefaults;

/// <summary>
/// The counters behind <see cref="DocumentNumbers"/>: unique and gap-free per series and year. The
/// counter row is incremented inside the command's own transaction, so a command that fails takes
/// its number back with it, and concurrent commands queue on the row lock.
/// </summary>
public static class DocumentCounters
{
    public const string TableName = "document_counters";

    /// <summary>The counter table, to add to a service's Marten schema (<c>opts.Storage.ExtendedSchemaObjects</c>).</summary>
    public static Table CounterTable(string schema)
    {
        var table = new Table($"{schema}.{TableName}");
        table.AddColumn<string>("series").AsPrimaryKey();
        table.AddColumn<int>("year").AsPrimaryKey();
        table.AddColumn<int>("value").NotNull();
        return table;
    }

    /// <summary>Takes the next number of <paramref name="series"/> in the WIB year of <paramref name="now"/>, formatted with <paramref name="template"/>.</summary>
    public static async Task<string> TakeAsync(IDocumentSession session, string series, string template, DateTimeOffset now, CancellationToken ct = default)
    {
        var year = Wib.Year(now);
        return DocumentNumbers.Format(template, year, await NextAsync(session, series, year, ct));
    }

    /// <summary>Takes the next number of <paramref name="series"/> in <paramref name="year"/>, inside the session's transaction.</summary>
    public static async Task<int> NextAsync(IDocumentSession session, string series, int year, CancellationToken ct = default)
    {
        await session.BeginTransactionAsync(ct);
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        await using var cmd = new NpgsqlCommand(
            $"insert into {schema}.{TableName} as c (series, year, value) values (@series, @year, 1) " +
            "on conflict (series, year) do update set value = c.value + 1 returning value",
            session.Connection);
        cmd.Parameters.AddWithValue("series", series);
        cmd.Parameters.AddWithValue("year", year);
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
