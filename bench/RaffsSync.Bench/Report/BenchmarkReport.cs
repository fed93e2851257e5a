using System.Globalization;
using System.Text;
using RaffsSync.Bench.Load;

namespace RaffsSync.Bench.Report;

/// <summary>
/// Turns the runs into the markdown results block and the one-line summary of ratios. Every ratio is computed
/// within one run, from scenarios measured minutes apart on the same machine, and the report gives the median of
/// those per-run ratios.
/// </summary>
internal sealed class BenchmarkReport(IReadOnlyList<RunResult> runs)
{
    public const string BeginMarker = "<!-- bench:results:begin -->";
    public const string EndMarker = "<!-- bench:results:end -->";

    private static readonly (string Key, string Label)[] ScenarioLabels =
    [
        ("bare", "bare endpoint returning 202 (HTTP ceiling)"),
        ("pgbench", "pgbench single-row inserts (database ceiling)"),
        ("baseline", "gateway, one statement per delivery (baseline)"),
        ("batched", "gateway, batched, all-new ids"),
        ("half-duplicates", "gateway, batched, half duplicates"),
        ("half-rate", "gateway, batched, paced at half its rate"),
    ];

    private static readonly string[] BatchedScenarios = ["batched", "half-duplicates", "half-rate"];

    /// <summary>Each goal: label, target text, per-run value, check, and how to print the value.</summary>
    private readonly List<Goal> goals =
    [
        new(
            "accepted req/s vs pgbench single-row",
            "≥ 2×",
            run => Ratio(run, "batched", "pgbench"),
            v => v >= 2,
            Times
        ),
        new("accepted req/s vs bare endpoint", "≥ 25 %", run => Ratio(run, "batched", "bare"), v => v >= 0.25, Percent),
        new("accepted req/s vs baseline", "≥ 5×", run => Ratio(run, "batched", "baseline"), v => v >= 5, Times),
        new("half duplicates vs all new", "≥ 1×", run => Ratio(run, "half-duplicates", "batched"), v => v >= 1, Times),
        new(
            "p99 at half the maximum rate",
            "< 10 ms",
            run => Value(run, "half-rate", s => s.P99Milliseconds),
            v => v < 10,
            Milliseconds
        ),
        new("peak working set, batched scenarios", "< 300 MB", PeakOfBatched, v => v * 1.048576 < 300, Mebibytes),
    ];

    /// <summary>Returns the one-line summary that the harness prints last.</summary>
    public string SummaryLine()
    {
        var parts = goals
            .Select(goal => (goal, value: goal.Median(runs)))
            .Where(item => item.value is not null)
            .Select(item => $"{item.goal.Label}: {item.goal.Format(item.value!.Value)} ({item.goal.Target})");
        return "Ratios (median of "
            + runs.Count.ToString(CultureInfo.InvariantCulture)
            + " runs): "
            + string.Join("; ", parts);
    }

    /// <summary>Builds the markdown results block, including the begin and end markers.</summary>
    public string Markdown(string command, string machine)
    {
        var markdown = new StringBuilder();
        markdown.AppendLine(BeginMarker);
        markdown.AppendLine("<!-- Written by the harness; text outside the markers is kept. -->");
        markdown.AppendLine();
        markdown.AppendLine(CultureInfo.InvariantCulture, $"Command: `{command}`");
        markdown.AppendLine();
        markdown.AppendLine(machine);
        markdown.AppendLine();
        markdown.AppendLine(CultureInfo.InvariantCulture, $"Medians of {runs.Count} runs:");
        markdown.AppendLine();
        markdown.AppendLine("| scenario | accepted req/s | p50 ms | p99 ms | errors | peak working set MiB |");
        markdown.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (key, label) in ScenarioLabels)
        {
            var measured = runs.Select(run => run.Scenarios.GetValueOrDefault(key))
                .OfType<ScenarioMeasurement>()
                .ToList();
            if (measured.Count == 0)
            {
                continue;
            }

            var peak = Median(measured.Select(m => m.PeakWorkingSetMebibytes).OfType<double>());
            markdown.AppendLine(
                CultureInfo.InvariantCulture,
                $"| {label} | {Median(measured.Select(m => m.RequestsPerSecond)):0} "
                    + $"| {Median(measured.Select(m => m.P50Milliseconds)):0.00} "
                    + $"| {Median(measured.Select(m => m.P99Milliseconds)):0.00} "
                    + $"| {measured.Sum(m => m.Errors)} "
                    + $"| {(peak is null ? "–" : peak.Value.ToString("0", CultureInfo.InvariantCulture))} |"
            );
        }

        AppendCpu(markdown);
        AppendGoals(markdown);
        AppendRuns(markdown);
        markdown.AppendLine(EndMarker);
        return markdown.ToString();
    }

    /// <summary>Replaces the results block of <paramref name="path"/>, or appends one when it has none.</summary>
    public static void WriteInto(string path, string block)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\n";
        var begin = existing.IndexOf(BeginMarker, StringComparison.Ordinal);
        var end = existing.IndexOf(EndMarker, StringComparison.Ordinal);
        var updated =
            begin >= 0 && end > begin
                ? existing[..begin] + block.TrimEnd('\n') + existing[(end + EndMarker.Length)..]
                : existing.TrimEnd('\n') + "\n\n" + block;
        File.WriteAllText(path, updated);
    }

    /// <summary>
    /// Appends where the CPU time went during each measured window, per accepted request, so that a missed goal
    /// can be traced to the process that used the machine.
    /// </summary>
    private void AppendCpu(StringBuilder markdown)
    {
        markdown.AppendLine();
        markdown.AppendLine(
            "CPU milliseconds per accepted request, from /proc during the measured window (medians); "
                + "\"other\" is every other process on the machine:"
        );
        markdown.AppendLine();
        markdown.AppendLine("| scenario | server | PostgreSQL | wrk or pgbench | other | machine busy |");
        markdown.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (key, label) in ScenarioLabels)
        {
            var measured = runs.Select(run => run.Scenarios.GetValueOrDefault(key))
                .OfType<ScenarioMeasurement>()
                .ToList();
            if (measured.Count == 0)
            {
                continue;
            }

            string PerRequest(Func<CpuShare, double> select) =>
                (Median(measured.Select(m => m.CpuMillisecondsPerRequest(select(m.Cpu)))) ?? 0).ToString(
                    "0.000",
                    CultureInfo.InvariantCulture
                );

            var busy = Median(measured.Select(m => m.Cpu.BusyFraction * 100)) ?? 0;
            markdown.AppendLine(
                CultureInfo.InvariantCulture,
                $"| {label} | {PerRequest(cpu => cpu.Server)} | {PerRequest(cpu => cpu.Postgres)} "
                    + $"| {PerRequest(cpu => cpu.LoadGenerator)} | {PerRequest(cpu => cpu.Other)} | {busy:0} % |"
            );
        }
    }

    private void AppendGoals(StringBuilder markdown)
    {
        markdown.AppendLine();
        markdown.AppendLine("Goals, each the median of the per-run values:");
        markdown.AppendLine();
        markdown.AppendLine("| goal | target | measured | met |");
        markdown.AppendLine("|---|---|---:|---|");
        foreach (var goal in goals)
        {
            var value = goal.Median(runs);
            var measured = value is null ? "not measured" : goal.Format(value.Value);
            var met =
                value is null ? "–"
                : goal.IsMet(value.Value) ? "yes"
                : "**no**";
            markdown.AppendLine(CultureInfo.InvariantCulture, $"| {goal.Label} | {goal.Target} | {measured} | {met} |");
        }
    }

    private void AppendRuns(StringBuilder markdown)
    {
        markdown.AppendLine();
        markdown.AppendLine("Each run, accepted req/s (p99 ms), and the load average before it:");
        markdown.AppendLine();
        var keys = ScenarioLabels
            .Select(pair => pair.Key)
            .Where(key => runs.Any(run => run.Scenarios.ContainsKey(key)));
        markdown.AppendLine("| run | load average | " + string.Join(" | ", keys) + " |");
        markdown.AppendLine("|---|---|" + string.Concat(keys.Select(_ => "---:|")));
        foreach (var run in runs)
        {
            var cells = keys.Select(key =>
                run.Scenarios.TryGetValue(key, out var m)
                    ? string.Create(CultureInfo.InvariantCulture, $"{m.RequestsPerSecond:0} ({m.P99Milliseconds:0.0})")
                    : "–"
            );
            markdown.AppendLine(
                CultureInfo.InvariantCulture,
                $"| {run.Number} | {run.LoadBefore} | {string.Join(" | ", cells)} |"
            );
        }

        markdown.AppendLine();
    }

    private static double? Ratio(RunResult run, string numerator, string denominator) =>
        run.Scenarios.TryGetValue(numerator, out var top) && run.Scenarios.TryGetValue(denominator, out var bottom)
            ? top.RequestsPerSecond / bottom.RequestsPerSecond
            : null;

    private static double? Value(RunResult run, string scenario, Func<ScenarioMeasurement, double> select) =>
        run.Scenarios.TryGetValue(scenario, out var measurement) ? select(measurement) : null;

    private static double? PeakOfBatched(RunResult run)
    {
        var peaks = BatchedScenarios
            .Select(key => run.Scenarios.GetValueOrDefault(key)?.PeakWorkingSetMebibytes)
            .OfType<double>()
            .ToList();
        return peaks.Count == 0 ? null : peaks.Max();
    }

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Times(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    private static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Milliseconds(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    private static string Mebibytes(double value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value:0} MiB ({value * 1.048576:0} MB)");

    private sealed record Goal(
        string Label,
        string Target,
        Func<RunResult, double?> PerRun,
        Func<double, bool> IsMet,
        Func<double, string> Format
    )
    {
        public double? Median(IReadOnlyList<RunResult> runs) =>
            BenchmarkReport.Median(runs.Select(PerRun).OfType<double>());
    }
}
