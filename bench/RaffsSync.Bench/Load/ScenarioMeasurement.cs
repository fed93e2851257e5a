namespace RaffsSync.Bench.Load;

/// <summary>One scenario's numbers from one run.</summary>
internal sealed class ScenarioMeasurement
{
    /// <summary>Requests per second that got the expected status (or pgbench transactions per second).</summary>
    public required double RequestsPerSecond { get; init; }

    public required double P50Milliseconds { get; init; }

    public required double P99Milliseconds { get; init; }

    /// <summary>Socket errors, timeouts and responses with an unexpected status (pgbench: failed transactions).</summary>
    public required long Errors { get; init; }

    /// <summary>Peak resident set size of the server process in MiB; null for pgbench.</summary>
    public double? PeakWorkingSetMebibytes { get; init; }

    public required CpuShare Cpu { get; init; }

    /// <summary>Converts CPU seconds of the measured window into CPU milliseconds per accepted request.</summary>
    public double CpuMillisecondsPerRequest(double cpuSeconds)
    {
        var windowSeconds = Cpu.Available / Environment.ProcessorCount;
        return cpuSeconds * 1000 / (RequestsPerSecond * windowSeconds);
    }

    /// <summary>Status counts and checks, for the log.</summary>
    public string Detail { get; init; } = "";
}
