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
