using Npgsql;

namespace Spbe.ServiceDefaults;

/// <summary>Recognises a lost optimistic-concurrency race on an event stream, whichever way Marten reports it.</summary>
public static class Concurrency
{
    public static bool IsConflict(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            // Marten's and JasperFx's ConcurrencyException (Rich appends, FetchForWriting with a version).
            var name = x.GetType().Name;
            if (name.Contains("ConcurrencyException", StringComparison.Ordinal) || name == "ExistingStreamIdCollisionException")
                return true;
            // Quick appends report the same race as an unexpected max event id.
            if (x is JasperFx.Events.EventStreamUnexpectedMaxEventIdException) return true;
            // Quick appends: two writers took the same stream version; the event table's key refuses the second.
            if (x is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
                && pg.ConstraintName?.Contains("stream_and_version", StringComparison.Ordinal) == true)
                return true;
        }
        return false;
    }
}

/// <summary>Recognises a database that is away for a moment (restart, failover, lost connection), however it is wrapped.</summary>
public static class TransientFaults
{
    public static bool IsTransient(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is PostgresException pg)
                // 08: connection exceptions; 57P: operator intervention (shutdown, restart); 53: insufficient resources.
                return pg.IsTransient || pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal);
            if (x is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException or IOException) return true;
        }
        return false;
    }
}
