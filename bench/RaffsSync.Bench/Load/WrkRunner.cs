using System.Globalization;
using System.Text.Json;
using RaffsSync.Bench.Deliveries;
using RaffsSync.Bench.Hosting;

namespace RaffsSync.Bench.Load;

/// <summary>
/// Drives a server with wrk and the delivery pool script.
/// </summary>
internal sealed class WrkRunner(
    string wrkPath,
    int connections,
    int threads,
    string workDirectory,
    int? postmasterProcessId
)
{
    public int Connections => connections;

    /// <summary>
    /// Signs a pool of deliveries at the current time, large enough for <paramref name="maxRequestsPerSecond"/> over
    /// the run, and runs wrk against <paramref name="server"/>.
    /// </summary>
    /// <param name="server">The server to load.</param>
    /// <param name="name">Names the pool and script files, and is part of every event id.</param>
    /// <param name="durationSeconds">How long wrk sends requests.</param>
    /// <param name="maxRequestsPerSecond">The highest rate expected, which sizes the pool.</param>
    /// <param name="duplicateEvery">0 for all-new ids; 2 to repeat an earlier id in every second request.</param>
    /// <param name="meanDelayMilliseconds">Delay before each request on a connection; null for no delay.</param>
    public async Task<WrkResult> RunAsync(
        ServerProcess server,
        string name,
        int durationSeconds,
        double maxRequestsPerSecond,
        int duplicateEvery = 0,
        double? meanDelayMilliseconds = null
    )
    {
        var runId = $"{name}{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        var deliveries = new TakeAppDeliveries(
            TakeAppDeliveries.FixtureSecret,
            DateTimeOffset.UtcNow,
            server.HostAndPort,
            runId
        );
        var perThread = (long)Math.Ceiling(maxRequestsPerSecond * (durationSeconds + 1) / threads) + 1000;
        var poolPrefix = Path.Combine(workDirectory, $"pool-{name}");
        deliveries.WritePools(poolPrefix, threads, perThread);

        var paced = meanDelayMilliseconds is not null;
        var scriptPath = WrkScript.Write(Path.Combine(workDirectory, $"{name}.lua"), deliveries, paced);
        List<string> arguments =
        [
            "-t",
            threads.ToString(CultureInfo.InvariantCulture),
            "-c",
            connections.ToString(CultureInfo.InvariantCulture),
            "-d",
            $"{durationSeconds.ToString(CultureInfo.InvariantCulture)}s",
            "--timeout",
            "10s",
            "-s",
            scriptPath,
            new Uri(server.BaseAddress, TakeAppDeliveries.Path).ToString(),
            "--",
            poolPrefix,
            duplicateEvery.ToString(CultureInfo.InvariantCulture),
            // Repeats an id sent 256 new requests earlier, whose response has arrived by then.
            "256",
        ];
        if (meanDelayMilliseconds is { } delay)
        {
            arguments.Add(delay.ToString("0.000", CultureInfo.InvariantCulture));
        }

        try
        {
            var cpu = CpuAccounting.Start(server.ProcessId, postmasterProcessId);
            var (output, wrkSeconds) = await ProcessRunner.RunMeasuredAsync(
                wrkPath,
                arguments,
                TimeSpan.FromSeconds(durationSeconds + 120)
            );
            var usage = cpu.Stop();
            var line = output
                .Split('\n')
                .LastOrDefault(text => text.StartsWith(WrkScript.ResultMarker, StringComparison.Ordinal))
                ?? throw new InvalidOperationException(
                    $"wrk printed no {WrkScript.ResultMarker.Trim()} line:\n{output}"
                );
            var result = JsonSerializer.Deserialize(
                line[WrkScript.ResultMarker.Length..],
                BenchJsonContext.Default.WrkResult
            ) ?? throw new InvalidOperationException($"wrk printed an empty result: {line}");
            result.Cpu = CpuShare.From(usage, wrkSeconds);
            return result;
        }
        finally
        {
            for (var thread = 0; thread < threads; thread++)
            {
                File.Delete($"{poolPrefix}-{thread}.txt");
            }
        }
    }
}
