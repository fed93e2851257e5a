using RaffsSync.Bench.Load;

namespace RaffsSync.Bench.Report;

/// <summary>The scenarios of one run, measured one after another, with the machine's load before the run.</summary>
internal sealed class RunResult(int number, string loadBefore)
{
    public int Number { get; } = number;

    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg before the run started.</summary>
    public string LoadBefore { get; } = loadBefore;

    public Dictionary<string, ScenarioMeasurement> Scenarios { get; } = [];
}
