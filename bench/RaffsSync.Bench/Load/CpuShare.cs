using RaffsSync.Bench.Hosting;

namespace RaffsSync.Bench.Load;

/// <summary>
/// CPU seconds spent during one measured run, split by who spent them.
/// </summary>
/// <param name="Server">The gateway or bare endpoint.</param>
/// <param name="Postgres">Every PostgreSQL process.</param>
/// <param name="LoadGenerator">wrk or pgbench.</param>
/// <param name="Other">The rest of the machine's busy time: other users, the kernel's own threads, this harness.</param>
/// <param name="Available">Every core's time during the run.</param>
internal readonly record struct CpuShare(
    double Server,
    double Postgres,
    double LoadGenerator,
    double Other,
    double Available
)
{
    /// <summary>The fraction of every core's time that some process used.</summary>
    public double BusyFraction => Available > 0 ? (Server + Postgres + LoadGenerator + Other) / Available : 0;

    public static CpuShare From(CpuUsage usage, double loadGeneratorSeconds) =>
        new(
            usage.ServerSeconds,
            usage.PostgresSeconds,
            loadGeneratorSeconds,
            Math.Max(0, usage.MachineBusySeconds - usage.ServerSeconds - usage.PostgresSeconds - loadGeneratorSeconds),
            usage.MachineTotalSeconds
        );
}
