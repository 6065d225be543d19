using System.Globalization;

namespace Outreach.Bench.Pickups;

/// <summary>
/// CPU time of the calling thread, where the system tells it (Linux: /proc/thread-self/stat, in 10 ms ticks). The
/// booking page's quick answers are measured by it as well as by the clock: on a machine shared with other work the
/// clock counts the waits for a core, the CPU time only what the answer itself costs.
/// </summary>
internal static class ThreadCpu
{
    private const string StatFile = "/proc/thread-self/stat";

    /// <summary>Clock ticks per second of the stat file (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>Whether this system tells a thread's CPU time.</summary>
    public static bool Available { get; } = File.Exists(StatFile);

    /// <summary>User and system CPU time of the calling thread so far, in milliseconds; 0 where not available.</summary>
    public static double Milliseconds()
    {
        if (!Available)
        {
            return 0;
        }

        // After the command name (in parentheses, which may hold spaces): state, then 10 fields, then utime and stime.
        string stat = File.ReadAllText(StatFile);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 1000 / TicksPerSecond;
    }
}
