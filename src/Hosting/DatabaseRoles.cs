using System.Text.RegularExpressions;
using Npgsql;

namespace Spbe.Hosting;

/// <summary>
/// The database's roles (README, "Database roles"). One owner role runs the migration step and owns every schema; each
/// process logs in with a runtime role of its own that reads and writes the rows of its own schemas and nothing else:
/// no DDL, no temporary table, no other process's schema. The migration step grants, the runtime checks.
/// </summary>
public static partial class DatabaseRoles
{
    /// <summary>The first argument that makes a process its own migration step (<c>Spbe.Intake migrate</c>).</summary>
    public const string MigrateCommand = "migrate";

    /// <summary>The schema of the queues every service sends to (Wolverine's PostgreSQL transport).</summary>
    public const string QueueSchema = "spbe_queues";

    /// <summary>The queue's tables as Wolverine names them (<c>wolverine_queue_{name}</c> and its scheduled twin).</summary>
    public static string[] QueueTables(string queue) => [$"wolverine_queue_{queue}", $"wolverine_queue_{queue}_scheduled"];

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();

    /// <summary>
    /// Grants <paramref name="role"/> the rows of <paramref name="schemas"/> and, when the process has a queue, sending to every
    /// queue and receiving from its own. Idempotent, run by the owner after each release's schema changes; a table added later
    /// is covered because the step runs again with that release.
    /// </summary>
    /// <summary>"SPBESTRT": one migration step at a time in the whole database (the queues' schema and the database's row are shared).</summary>
    public const long MigrationLockKey = 0x5350_4245_5354_5254;

    public static async Task GrantRuntimeAsync(NpgsqlConnection owner, string role, IReadOnlyList<string> schemas, string? ownQueue, CancellationToken ct = default)
    {
        if (!RoleName().IsMatch(role)) throw new ArgumentException($"'{role}' is not a role name (lower-case letters, digits, _).", nameof(role));
        var database = Quote(owner.Database);
        var list = string.Join(", ", schemas.Select(Quote));
        var sql = new List<string>
        {
            // PUBLIC gets CONNECT and TEMP on a new database by default: only the roles granted here connect, none makes a table.
            $"revoke all on database {database} from public",
            $"grant connect on database {database} to {Quote(role)}",
            $"grant usage on schema {list} to {Quote(role)}",
            $"grant select, insert, update, delete on all tables in schema {list} to {Quote(role)}",
            $"grant usage, select, update on all sequences in schema {list} to {Quote(role)}",
            $"grant execute on all routines in schema {list} to {Quote(role)}",
        };
        if (ownQueue is not null)
        {
            sql.Add($"grant usage on schema {QueueSchema} to {Quote(role)}");
            // Another service's queue: add a message to it, which Wolverine's `insert … on conflict (id)` needs the ids
            // (and, for a scheduled one, the columns it replaces) for; never read or take its messages.
            sql.Add($"""
                do $$
                declare t text;
                begin
                  for t in select tablename from pg_tables where schemaname = '{QueueSchema}' loop
                    if t = any (array['{string.Join("', '", QueueTables(ownQueue))}']) then
                      execute format('grant select, insert, update, delete on {QueueSchema}.%I to %I', t, '{role}');
                    else
                      execute format('grant insert, select (id) on {QueueSchema}.%I to %I', t, '{role}');
                      if t like '%\_scheduled' then
                        execute format('grant update (body, message_type, keep_until, execution_time) on {QueueSchema}.%I to %I', t, '{role}');
                      end if;
                    end if;
                  end loop;
                end $$
                """);
        }
        // Two steps granting at once update the database's one catalogue row, which PostgreSQL refuses ("tuple concurrently
        // updated"): they take turns, whoever calls (a session that holds the lock already gets it again).
        await using var transaction = await owner.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(owner, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"select pg_advisory_xact_lock({MigrationLockKey})"));
        foreach (var statement in sql) batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// What is wrong with the role this process logs in as: a superuser, or one that may create objects in the database or in
    /// <paramref name="schema"/>, would let a flaw in the process change the schema or read every other one.
    /// </summary>
    public static async Task<string?> RuntimeProblemAsync(NpgsqlDataSource database, string schema, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand(
            "select r.rolsuper, r.rolcreaterole, has_database_privilege(current_database(), 'CREATE, TEMP'), " +
            "coalesce(has_schema_privilege(@schema, 'CREATE'), false), current_user " +
            "from pg_roles r where r.rolname = current_user");
        cmd.Parameters.AddWithValue("schema", schema);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var user = reader.GetString(4);
        if (reader.GetBoolean(0)) return $"ConnectionStrings__spbe logs in as '{user}', a superuser.";
        if (reader.GetBoolean(1)) return $"ConnectionStrings__spbe logs in as '{user}', who may create roles.";
        if (reader.GetBoolean(2)) return $"ConnectionStrings__spbe logs in as '{user}', who may create schemas or temporary tables in the database.";
        if (reader.GetBoolean(3)) return $"ConnectionStrings__spbe logs in as '{user}', who may create tables in the schema '{schema}' (the owner's role is for the migration step).";
        return null;
    }

    /// <summary>True when the process's main schema has not been created (the migration step has not run against this database).</summary>
    public static async Task<bool> SchemaMissingAsync(NpgsqlDataSource database, string schema, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("select not exists (select 1 from pg_namespace where nspname = @schema)");
        cmd.Parameters.AddWithValue("schema", schema);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
