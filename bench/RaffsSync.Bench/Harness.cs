using System.Globalization;
using System.Text;
using RaffsSync.Bench.Deliveries;
using RaffsSync.Bench.Hosting;
using RaffsSync.Bench.Load;
using RaffsSync.Bench.Report;

namespace RaffsSync.Bench;

/// <summary>
/// Runs every scenario side by side, once per run, against one throwaway PostgreSQL: the bare endpoint, pgbench,
/// the gateway with one statement per delivery, and the batching gateway with all-new ids, half duplicates, and
/// half of its own maximum rate. Every server process is new for its scenario, so its peak working set is its own.
/// </summary>
internal sealed class Harness(BenchOptions options, ToolPaths tools, string workDirectory, int postmasterProcessId)
{
    /// <summary>
    /// Highest gateway rate that the warm-up pools are sized for. A warm-up that goes faster repeats ids, which only
    /// turns some of its 202s into 409s; measured runs are sized from the warm-up's own rate.
    /// </summary>
    private const double WarmupRateBound = 20_000;

    private readonly WrkRunner wrk = new(
        tools.Wrk,
        options.Connections,
        options.Threads,
        workDirectory,
        postmasterProcessId
    );

    public async Task<List<RunResult>> RunAsync(ThrowawayPostgres postgres)
    {
        await CheckGatewayAcceptsDeliveriesAsync(postgres);

        var runs = new List<RunResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var result = new RunResult(run, await MachineInfo.LoadAverageAsync());
            Console.WriteLine($"== Run {run} of {options.Runs}, load average {result.LoadBefore}");
            await RunScenariosAsync(postgres, result);
            runs.Add(result);
        }

        return runs;
    }

    private async Task RunScenariosAsync(ThrowawayPostgres postgres, RunResult result)
    {
        if (IsSelected("bare"))
        {
            await MeasureAsync(result, "bare", RunBareAsync);
        }

        if (IsSelected("pgbench"))
        {
            await postgres.TruncateInboxAsync();
            await MeasureAsync(result, "pgbench", () =>
                PgbenchRunner.RunAsync(
                    postgres,
                    options.Connections,
                    options.Threads,
                    options.DurationSeconds,
                    workDirectory
                )
            );
        }

        if (IsSelected("baseline"))
        {
            await using var baseline = await StartWarmGatewayAsync(postgres, "baseline", batching: false);
            await MeasureAsync(result, "baseline", () => RunGatewayLoadAsync(postgres, baseline, "baseline", 0));
        }

        if (IsSelected("batched") || IsSelected("half-duplicates") || IsSelected("half-rate"))
        {
            // One warmed process serves the three batched scenarios, as one long-running gateway would.
            await using var batched = await StartWarmGatewayAsync(postgres, "batched", batching: true);
            var batchedRate = batched.WarmupRate;
            if (IsSelected("batched"))
            {
                var allNew = await MeasureAsync(result, "batched", () =>
                    RunGatewayLoadAsync(postgres, batched, "batched", 0)
                );
                batchedRate = allNew.RequestsPerSecond;
            }

            if (IsSelected("half-duplicates"))
            {
                await MeasureAsync(result, "half-duplicates", () =>
                    RunGatewayLoadAsync(postgres, batched, "halfdup", duplicateEvery: 2)
                );
            }

            if (IsSelected("half-rate"))
            {
                await MeasureAsync(result, "half-rate", () => RunHalfRateAsync(postgres, batched, batchedRate / 2));
            }
        }
    }

    private bool IsSelected(string scenario) => options.Scenarios.Contains(scenario);

    private static async Task<ScenarioMeasurement> MeasureAsync(
        RunResult result,
        string scenario,
        Func<Task<ScenarioMeasurement>> measure
    )
    {
        var measurement = await measure();
        result.Scenarios[scenario] = measurement;
        Console.WriteLine(Describe(scenario, measurement));
        return measurement;
    }

    private static string Describe(string scenario, ScenarioMeasurement measurement)
    {
        var peak = measurement.PeakWorkingSetMebibytes?.ToString("0", CultureInfo.InvariantCulture) ?? "–";
        var cpu = measurement.Cpu;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"   {scenario, -16} {measurement.RequestsPerSecond, 9:0} req/s  p50 {measurement.P50Milliseconds, 6:0.00} ms  "
                + $"p99 {measurement.P99Milliseconds, 6:0.00} ms  errors {measurement.Errors}  peak {peak} MiB  "
                + $"{measurement.Detail}\n   {"", -16} CPU ms per request: "
                + $"server {measurement.CpuMillisecondsPerRequest(cpu.Server):0.000}, "
                + $"PostgreSQL {measurement.CpuMillisecondsPerRequest(cpu.Postgres):0.000}, "
                + $"load generator {measurement.CpuMillisecondsPerRequest(cpu.LoadGenerator):0.000}, "
                + $"other {measurement.CpuMillisecondsPerRequest(cpu.Other):0.000}; machine busy {cpu.BusyFraction:P0}"
        );
    }

    private async Task<ScenarioMeasurement> RunBareAsync()
    {
        var environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        await using var server = await ServerProcess.StartAsync(
            typeof(Harness).Assembly.Location,
            [BareEndpoint.Command],
            environment,
            Path.Combine(workDirectory, "bare.log")
        );

        // The bare endpoint ignores ids, so a small pool that wraps is enough.
        await wrk.RunAsync(server, "bare-warmup", options.WarmupSeconds, 1000);
        var load = await wrk.RunAsync(server, "bare", options.DurationSeconds, 1000);
        return Summarize(load, server.PeakWorkingSetMebibytes(), acceptedStatuses: [202], allowWraps: true);
    }

    /// <summary>Starts a gateway, sends it the warm-up load and records the rate it reached.</summary>
    private async Task<WarmGateway> StartWarmGatewayAsync(ThrowawayPostgres postgres, string name, bool batching)
    {
        var server = await StartGatewayAsync(postgres, name, batching);
        var warmup = await wrk.RunAsync(server, $"{name}-warmup", options.WarmupSeconds, WarmupRateBound);
        var rate = (warmup.Count(202) + warmup.Count(409)) / warmup.DurationSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   warm-up reached {rate:0} req/s"));
        return new WarmGateway(server, rate);
    }

    private async Task<ScenarioMeasurement> RunGatewayLoadAsync(
        ThrowawayPostgres postgres,
        WarmGateway gateway,
        string name,
        int duplicateEvery
    )
    {
        await postgres.TruncateInboxAsync();
        var load = await wrk.RunAsync(gateway.Server, name, options.DurationSeconds, gateway.PoolRate, duplicateEvery);
        var peak = gateway.Server.PeakWorkingSetMebibytes();
        int[] accepted = duplicateEvery > 0 ? [202, 409] : [202];
        var measurement = Summarize(load, peak, accepted, allowWraps: false);
        return await CheckStoredRowsAsync(postgres, load, measurement);
    }

    /// <summary>
    /// Paces every connection with a delay before each request so that the total rate is about
    /// <paramref name="targetRate"/>. A short probe measures the latency at that delay, and the measured run
    /// subtracts it, because each connection waits for its response before the delay starts.
    /// </summary>
    private async Task<ScenarioMeasurement> RunHalfRateAsync(
        ThrowawayPostgres postgres,
        WarmGateway gateway,
        double targetRate
    )
    {
        var intervalMs = options.Connections / targetRate * 1000;
        var probe = await wrk.RunAsync(
            gateway.Server,
            "halfrate-probe",
            3,
            targetRate,
            meanDelayMilliseconds: intervalMs
        );
        var probeRate = probe.Count(202) / probe.DurationSeconds;
        var latencyMs = (options.Connections / probeRate * 1000) - intervalMs;
        var delayMs = Math.Max(0, intervalMs - latencyMs);
        await postgres.TruncateInboxAsync();

        var load = await wrk.RunAsync(
            gateway.Server,
            "halfrate",
            options.DurationSeconds,
            targetRate * 1.5,
            meanDelayMilliseconds: delayMs
        );
        var measurement = Summarize(load, gateway.Server.PeakWorkingSetMebibytes(), [202], allowWraps: false);
        var checkedMeasurement = await CheckStoredRowsAsync(postgres, load, measurement);
        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"target {targetRate:0} req/s, delay {delayMs:0.00} ms; {checkedMeasurement.Detail}"
        );
        return Copy(checkedMeasurement, detail, checkedMeasurement.Errors);
    }

    private Task<ServerProcess> StartGatewayAsync(ThrowawayPostgres postgres, string name, bool batching)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Fixtures",
            ["RaffsSync__Storage__Provider"] = "Postgres",
            ["RaffsSync__Storage__ConnectionString"] = postgres.ConnectionString,
            ["RaffsSync__Storage__Batching__Enabled"] = batching ? "true" : "false",

            // Workers claim and handle the stored events in the same process, which is a second workload. Any
            // instance may run them, so by default the measured gateway only receives.
            ["RaffsSync__Processing__Workers"] = options.ProcessingWorkers.ToString(CultureInfo.InvariantCulture),

            // One Information line per delivery would cost more than the rest of the request; warnings and errors
            // are still written.
            ["Serilog__MinimumLevel__Default"] = "Warning",

            // wrk is one source address, so the default limits (500 req/s per source, 1000 per provider) would
            // return 429 to most of its requests. The limiters still run on every request.
            ["RaffsSync__SourceRateLimit__PermitsPerSecond"] = "100000000",
            ["RaffsSync__SourceRateLimit__Burst"] = "100000000",
            ["RaffsSync__Providers__takeapp__RateLimit__PermitsPerSecond"] = "100000000",
            ["RaffsSync__Providers__takeapp__RateLimit__Burst"] = "100000000",
        };
        if (batching)
        {
            foreach (var (key, value) in options.GatewaySettings)
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        return ServerProcess.StartAsync(
            options.GatewayPath,
            [],
            environment,
            Path.Combine(workDirectory, $"{name}.log")
        );
    }

    /// <summary>Sends one signed delivery and its repeat, and fails unless they get 202 and 409.</summary>
    private async Task CheckGatewayAcceptsDeliveriesAsync(ThrowawayPostgres postgres)
    {
        await using var gateway = await StartGatewayAsync(postgres, "check", batching: true);
        var deliveries = new TakeAppDeliveries(
            TakeAppDeliveries.FixtureSecret,
            DateTimeOffset.UtcNow,
            gateway.HostAndPort,
            "check"
        );
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        foreach (var expected in new[] { 202, 409 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, TakeAppDeliveries.Path)
            {
                Content = new ByteArrayContent(TakeAppDeliveries.Body),
            };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            request.Headers.Add("webhook-id", deliveries.EventId(0));
            request.Headers.Add("webhook-timestamp", deliveries.Timestamp);
            request.Headers.Add("webhook-signature", "v1," + deliveries.Sign(deliveries.EventId(0)));
            using var response = await client.SendAsync(request);
            if ((int)response.StatusCode != expected)
            {
                var body = await response.Content.ReadAsStringAsync();
                throw new InvalidOperationException(
                    $"The gateway answered a signed test delivery with {(int)response.StatusCode}, expected {expected}: {body}"
                );
            }
        }

        await postgres.TruncateInboxAsync();
    }

    private static ScenarioMeasurement Summarize(WrkResult load, double peak, int[] acceptedStatuses, bool allowWraps)
    {
        var accepted = acceptedStatuses.Sum(load.Count);
        var unexpected = load.Statuses.Values.Sum() - accepted;
        var detail = new StringBuilder("statuses ");
        detail.AppendJoin(' ', load.Statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}:{pair.Value}"));
        if (load.Wraps > 0 && !allowWraps)
        {
            detail.Append(CultureInfo.InvariantCulture, $"; POOL WRAPPED {load.Wraps} times, so ids repeated");
        }

        return new ScenarioMeasurement
        {
            RequestsPerSecond = accepted / load.DurationSeconds,
            P50Milliseconds = load.P50Us / 1000.0,
            P99Milliseconds = load.P99Us / 1000.0,
            Errors = load.SocketErrors + unexpected,
            PeakWorkingSetMebibytes = peak,
            Cpu = load.Cpu,
            Detail = detail.ToString(),
        };
    }

    /// <summary>
    /// Counts an acknowledged delivery without a row as an error: every 202 must have been committed. Rows may exceed
    /// the 202s by the requests still in flight when wrk stopped.
    /// </summary>
    private static async Task<ScenarioMeasurement> CheckStoredRowsAsync(
        ThrowawayPostgres postgres,
        WrkResult load,
        ScenarioMeasurement measurement
    )
    {
        var rows = await postgres.CountInboxRowsAsync();
        var acknowledged = load.Count(202);
        var missing = Math.Max(0, acknowledged - rows);
        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"{measurement.Detail}; {rows} rows for {acknowledged} acknowledged"
        );
        if (missing > 0)
        {
            detail += string.Create(CultureInfo.InvariantCulture, $"; {missing} ACKNOWLEDGED ROWS MISSING");
        }

        return Copy(measurement, detail, measurement.Errors + missing);
    }

    private static ScenarioMeasurement Copy(ScenarioMeasurement source, string detail, long errors) =>
        new()
        {
            RequestsPerSecond = source.RequestsPerSecond,
            P50Milliseconds = source.P50Milliseconds,
            P99Milliseconds = source.P99Milliseconds,
            Errors = errors,
            PeakWorkingSetMebibytes = source.PeakWorkingSetMebibytes,
            Cpu = source.Cpu,
            Detail = detail,
        };

    /// <summary>A started gateway and the rate its warm-up reached.</summary>
    private sealed class WarmGateway(ServerProcess server, double warmupRate) : IAsyncDisposable
    {
        public ServerProcess Server { get; } = server;

        public double WarmupRate { get; } = warmupRate;

        /// <summary>
        /// The rate to size measured pools for. A warm-up that overlaps JIT tiering runs slower than the measured
        /// run, so the pool allows three times its rate.
        /// </summary>
        public double PoolRate => Math.Max(WarmupRate * 3, WarmupRateBound);

        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }
}
