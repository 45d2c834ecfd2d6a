using System.Globalization;
using System.Text.RegularExpressions;
using Marten;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace Spbe.ServiceDefaults;

/// <summary>
/// Numbers for formal documents (request numbers, Surat Tugas, Berita Acara): unique and gap-free
/// per series and year. The counter row is incremented inside the command's own transaction, so a
/// command that fails takes its number back with it, and concurrent commands queue on the row lock.
/// </summary>
public static partial class DocumentNumbers
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

    /// <summary>
    /// Formats a number with a template such as <c>SPBE/{year}/{seq:00000}</c> or
    /// <c>555/{seq}/Diskominfotik-{year}</c>.
    /// </summary>
    public static string Format(string template, int year, int sequence) =>
        Token().Replace(template, m => m.Groups["name"].Value switch
        {
            "year" => year.ToString(CultureInfo.InvariantCulture),
            "seq" => sequence.ToString(m.Groups["format"].Success ? m.Groups["format"].Value : "0", CultureInfo.InvariantCulture),
            _ => m.Value,
        });

    [GeneratedRegex(@"\{(?<name>year|seq)(:(?<format>[0#]+))?\}")]
    private static partial Regex Token();
}
