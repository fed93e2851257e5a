using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using RaffsSync.Bench.Deliveries;
using RaffsSync.Bench.Hosting;

namespace RaffsSync.Bench.Load;

/// <summary>
/// The per-commit database ceiling: pgbench clients that each insert one delivery row per transaction into the
/// gateway's inbox table, with the same 1 KB body and its SHA-256 as parameters, as the one-statement-per-delivery
/// writer does.
/// </summary>
internal static partial class PgbenchRunner
{
    private const string Script = """
        INSERT INTO inbox_events (id, receipt_id, provider, event_id, event_id_derived, event_type, topic, body, body_sha256, headers, received_at, next_attempt_at, status, attempts) VALUES (gen_random_uuid(), gen_random_uuid(), 'takeapp', gen_random_uuid()::text, false, 'order.created', NULL, :body::bytea, :sha::bytea, '{"content-type":"application/json"}'::jsonb, now(), now(), 'pending', 0) ON CONFLICT (provider, event_id) DO NOTHING;

        """;

    public static async Task<ScenarioMeasurement> RunAsync(
        ThrowawayPostgres postgres,
        int clients,
        int threads,
        int durationSeconds,
        string workDirectory
    )
    {
        var scriptPath = Path.Combine(workDirectory, "pgbench-insert.sql");
        await File.WriteAllTextAsync(scriptPath, Script);
        var logDirectory = Directory.CreateDirectory(Path.Combine(workDirectory, "pgbench-log")).FullName;
        foreach (var old in Directory.GetFiles(logDirectory))
        {
            File.Delete(old);
        }

        var body = TakeAppDeliveries.Body;
        string[] arguments =
        [
            "-h",
            "127.0.0.1",
            "-p",
            postgres.Port.ToString(CultureInfo.InvariantCulture),
            "-U",
            "postgres",
            "-n",
            "-M",
            "prepared",
            "-c",
            clients.ToString(CultureInfo.InvariantCulture),
            "-j",
            threads.ToString(CultureInfo.InvariantCulture),
            "-T",
            durationSeconds.ToString(CultureInfo.InvariantCulture),
            "-f",
            scriptPath,
            "-D",
            "body=\\x" + Convert.ToHexStringLower(body),
            "-D",
            "sha=\\x" + Convert.ToHexStringLower(SHA256.HashData(body)),
            "-l",
            "--log-prefix",
            Path.Combine(logDirectory, "pgbench"),
            ThrowawayPostgres.DatabaseName,
        ];
        var pgbench = Path.Combine(postgres.BinDirectory, "pgbench");
        var cpu = CpuAccounting.Start(serverProcessId: null, postgres.PostmasterProcessId());
        var (output, pgbenchSeconds) = await ProcessRunner.RunMeasuredAsync(
            File.Exists(pgbench) ? pgbench : "pgbench",
            arguments,
            TimeSpan.FromSeconds(durationSeconds + 120)
        );
        var usage = cpu.Stop();

        var tps = double.Parse(TpsPattern().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var failedMatch = FailedPattern().Match(output);
        var failed = failedMatch.Success ? long.Parse(failedMatch.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var latencies = ReadLatencies(logDirectory);
        return new ScenarioMeasurement
        {
            RequestsPerSecond = tps,
            P50Milliseconds = Percentile(latencies, 0.50),
            P99Milliseconds = Percentile(latencies, 0.99),
            Errors = failed,
            Cpu = CpuShare.From(usage, pgbenchSeconds),
            Detail = $"{latencies.Length} transactions",
        };
    }

    /// <summary>
    /// Reads the per-transaction logs (<c>client transaction latency_us script epoch epoch_us</c>) into latencies in
    /// milliseconds, sorted.
    /// </summary>
    private static double[] ReadLatencies(string logDirectory)
    {
        var latencies = new List<double>();
        foreach (var file in Directory.GetFiles(logDirectory))
        {
            foreach (var line in File.ReadLines(file))
            {
                var fields = line.Split(' ');
                if (fields.Length >= 3 && long.TryParse(fields[2], CultureInfo.InvariantCulture, out var micros))
                {
                    latencies.Add(micros / 1000.0);
                }
            }
        }

        latencies.Sort();
        return [.. latencies];
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(fraction * sorted.Length))];

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsPattern();

    [GeneratedRegex(@"number of failed transactions: ([0-9]+)")]
    private static partial Regex FailedPattern();
}
