using System.Globalization;
using RaffsSync.Bench.Hosting;
using RaffsSync.Bench.Report;

namespace RaffsSync.Bench;

/// <summary>
/// Runs the benchmark, or with <c>bare-endpoint</c> as the first argument, the bare endpoint that it measures.
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == BareEndpoint.Command)
        {
            return await BareEndpoint.RunAsync(args[1..]);
        }

        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine($"error: {exception.Message}");
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        var (tools, missing) = ToolPaths.Find();
        if (tools is null)
        {
            Console.Error.WriteLine(
                "error: the benchmark needs programs that are not installed. Install them and rerun:"
            );
            foreach (var line in missing)
            {
                Console.Error.WriteLine($"  {line}");
            }

            return 3;
        }

        var workDirectory = Directory.CreateTempSubdirectory("raffssync-bench-").FullName;
        Console.WriteLine($"Work directory (pools, scripts, server logs): {workDirectory}");
        var machine = await DescribeMachineAsync(tools);
        Console.WriteLine(machine);

        List<RunResult> runs;
        await using (var postgres = await ThrowawayPostgres.StartAsync(tools.PostgresBin))
        {
            var harness = new Harness(options, tools, workDirectory, postgres.PostmasterProcessId());
            runs = await harness.RunAsync(postgres);
        }

        var loadAfter = await MachineInfo.LoadAverageAsync();
        var report = new BenchmarkReport(runs);
        var settings =
            $"\n- Load average after the last run: {loadAfter}"
            + $"\n- Gateway: Release build, `RaffsSync:Processing:Workers` = {options.ProcessingWorkers}, "
            + "Serilog minimum level Warning, rate limits raised for the single wrk source"
            + (
                options.GatewaySettings.Count == 0
                    ? ""
                    : ", " + string.Join(", ", options.GatewaySettings.Select(pair => $"`{pair.Key}` = {pair.Value}"))
            );
        var block = report.Markdown(options.CommandLine, machine + settings);
        if (options.OutputPath is { } outputPath)
        {
            BenchmarkReport.WriteInto(outputPath, block);
            Console.WriteLine($"Wrote the results into {Path.GetFullPath(outputPath)}");
        }
        else
        {
            Console.WriteLine(block);
        }

        Directory.Delete(workDirectory, recursive: true);
        Console.WriteLine(report.SummaryLine());
        return 0;
    }

    private static async Task<string> DescribeMachineAsync(ToolPaths tools)
    {
        var free = await MachineInfo.CommandOutputAsync("free", "-h");
        var uptime = await MachineInfo.CommandOutputAsync("uptime");
        var postgres = await MachineInfo.CommandOutputAsync(Path.Combine(tools.PostgresBin, "postgres"), "--version");
        var wrk = (await MachineInfo.CommandOutputAsync("sh", "-c", $"{tools.Wrk} -v 2>&1 | head -1")).Split('\n')[0];
        return string.Join(
            '\n',
            $"- Machine: {MachineInfo.Cores()} cores (`nproc`), {MachineInfo.CpuModel()}",
            $"- `uptime` at the start: {uptime}",
            $"- Software: .NET {Environment.Version}, {postgres} (fsync = on, synchronous_commit = on, other settings default), {wrk}",
            $"- Date (UTC): {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}",
            "- `free -h`:",
            "",
            "```",
            free,
            "```"
        );
    }
}
