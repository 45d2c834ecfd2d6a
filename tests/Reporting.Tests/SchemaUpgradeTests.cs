using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;
using Xunit;

namespace Spbe.Reporting.Tests;

/// <summary>A database from before the register number moved to registration: its request_number columns were NOT NULL.</summary>
public sealed class SchemaUpgradeTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task the_request_number_columns_of_an_older_database_become_nullable()
    {
        var database = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var cmd = database.CreateCommand(
            $"alter table {ReportingSchema.AuditLog} alter column request_number set not null; " +
            $"alter table {ReportingSchema.Steps} alter column request_number set not null"))
            await cmd.ExecuteNonQueryAsync();

        // Another start of the service on that database (Marten's own update leaves a NOT NULL in place).
        await fixture.Host.Services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using (var restarted = await fixture.StartHostAsync(fixture.ConnectionString)) { }

        await using var check = database.CreateCommand(
            "select table_name, is_nullable from information_schema.columns " +
            "where table_schema = 'reporting' and column_name = 'request_number' and table_name in ('audit_log', 'steps') order by table_name");
        await using var r = await check.ExecuteReaderAsync();
        var columns = new List<(string, string)>();
        while (await r.ReadAsync()) columns.Add((r.GetString(0), r.GetString(1)));
        columns.ShouldBe([("audit_log", "YES"), ("steps", "YES")]);
    }
}
