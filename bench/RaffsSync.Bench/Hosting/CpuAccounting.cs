using System.Globalization;

namespace RaffsSync.Bench.Hosting;

/// <summary>
/// CPU time used during a measured window by the server under test, by PostgreSQL (the postmaster and all its
/// children) and by the whole machine, read from /proc. Times are in clock ticks of 1/100 s, the USER_HZ of Linux
/// on x86-64.
/// </summary>
internal sealed class CpuAccounting
{
    private const double TicksPerSecond = 100;

    private readonly int? serverProcessId;
    private readonly int? postmasterProcessId;
    private readonly Snapshot start;

    private CpuAccounting(int? serverProcessId, int? postmasterProcessId)
    {
        this.serverProcessId = serverProcessId;
        this.postmasterProcessId = postmasterProcessId;
        start = Take();
    }

    /// <summary>Starts counting now.</summary>
    public static CpuAccounting Start(int? serverProcessId, int? postmasterProcessId) =>
        new(serverProcessId, postmasterProcessId);

    /// <summary>
    /// Returns the CPU seconds used since <see cref="Start"/>. The load generator's time is not visible here and is
    /// part of <see cref="CpuUsage.MachineBusySeconds"/>, so the caller subtracts it when it has measured it.
    /// </summary>
    public CpuUsage Stop()
    {
        var end = Take();
        return new CpuUsage(
            (end.Server - start.Server) / TicksPerSecond,
            (end.Postgres - start.Postgres) / TicksPerSecond,
            (end.MachineBusy - start.MachineBusy) / TicksPerSecond,
            (end.MachineTotal - start.MachineTotal) / TicksPerSecond
        );
    }

    private Snapshot Take()
    {
        var (busy, total) = ReadMachine();
        var server = serverProcessId is { } id ? ReadProcess(id)?.Ticks ?? 0 : 0;
        var postgres = postmasterProcessId is { } postmaster ? ReadProcessTree(postmaster) : 0;
        return new Snapshot(server, postgres, busy, total);
    }

    /// <summary>Reads the first line of /proc/stat: busy is everything except idle and iowait.</summary>
    private static (long Busy, long Total) ReadMachine()
    {
        var fields = File.ReadLines("/proc/stat")
            .First()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Take(8)
            .Select(value => long.Parse(value, CultureInfo.InvariantCulture))
            .ToArray();
        var total = fields.Sum();
        var idle = fields[3] + fields[4];
        return (total - idle, total);
    }

    /// <summary>Sums user and system ticks of the postmaster and every process whose parent it is.</summary>
    private static long ReadProcessTree(int postmaster)
    {
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            var process = ReadProcess(id);
            if (process is null)
            {
                continue;
            }

            // A backend that exited, such as one of pgbench's when it disconnects, leaves its time in the
            // postmaster's count of waited-for children.
            if (id == postmaster)
            {
                ticks += process.Value.Ticks + process.Value.ChildTicks;
            }
            else if (process.Value.ParentId == postmaster)
            {
                ticks += process.Value.Ticks;
            }
        }

        return ticks;
    }

    /// <summary>
    /// Reads utime + stime, cutime + cstime and the parent id from /proc/{id}/stat, or null when the process has
    /// exited. The name field may contain spaces, so fields are counted from the last closing parenthesis.
    /// </summary>
    private static (long Ticks, long ChildTicks, int ParentId)? ReadProcess(int id)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{id.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // After ") " come state (field 3), ppid (4), ..., utime (14), stime (15), cutime (16) and cstime (17).
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return (Field(14) + Field(15), Field(16) + Field(17), (int)Field(4));
    }

    private readonly record struct Snapshot(long Server, long Postgres, long MachineBusy, long MachineTotal);
}

/// <summary>CPU seconds used during one measured window.</summary>
/// <param name="ServerSeconds">The server under test (gateway or bare endpoint).</param>
/// <param name="PostgresSeconds">PostgreSQL, all processes.</param>
/// <param name="MachineBusySeconds">Every core, every process, including the load generator and other users.</param>
/// <param name="MachineTotalSeconds">Every core's time, busy or idle: the window's length times the cores.</param>
internal readonly record struct CpuUsage(
    double ServerSeconds,
    double PostgresSeconds,
    double MachineBusySeconds,
    double MachineTotalSeconds
);
