using Npgsql;

namespace Spbe.ServiceDefaults;

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
