using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Spbe.Hosting;

/// <summary>
/// Ports for servers started on this machine (test clusters, AppHosts, SMTP servers). Not from the kernel's ephemeral
/// range (<c>ip_local_port_range</c>, usually 32768–60999), which is where a bind to port 0 lands: every outgoing
/// connection takes its local port from that range, and a port held as the local end of a connection cannot be
/// listened on. A server restarted on such a port (PostgreSQL restarted, a portal restarted after a crash) then cannot
/// start until that connection closes, which for a pooled connection is never. DCP's own ports are near 12000.
/// </summary>
public static class LocalPorts
{
    private const int Lowest = 20000;
    private static readonly HashSet<int> Given = [];
    private static int _next;

    /// <summary>A port nobody listens on now, below the ephemeral range, never the same one twice in this process.</summary>
    public static int Free()
    {
        var top = EphemeralRangeStart();
        if (top - Lowest < 1000) return KernelPort();
        lock (Given)
        {
            // Each process walks from its own place in the range, so test processes running side by side rarely meet.
            if (_next == 0) _next = Lowest + Environment.ProcessId * 211 % (top - Lowest);
            for (var tried = 0; tried < top - Lowest; tried++)
            {
                var port = _next;
                _next = _next + 1 >= top ? Lowest : _next + 1;
                if (Given.Add(port) && IsFree(port)) return port;
            }
        }
        return KernelPort();
    }

    /// <summary><paramref name="count"/> consecutive ports nobody listens on now (a server that numbers its processes' ports from the first).</summary>
    public static int FreeRange(int count)
    {
        var top = EphemeralRangeStart();
        lock (Given)
        {
            if (_next == 0) _next = Lowest + Environment.ProcessId * 211 % (top - Lowest);
            for (var tried = 0; tried < top - Lowest; tried++)
            {
                var first = _next + count >= top ? Lowest : _next;
                _next = first + 1;
                if (Enumerable.Range(first, count).All(p => !Given.Contains(p) && IsFree(p)))
                {
                    Given.UnionWith(Enumerable.Range(first, count));
                    _next = first + count;
                    return first;
                }
            }
        }
        throw new InvalidOperationException($"No {count} consecutive free ports between {Lowest} and {top}.");
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    }

    private static int KernelPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
