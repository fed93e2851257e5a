using System.Globalization;

namespace RaffsSync.Bench;

/// <summary>
/// Command-line options of the harness.
/// </summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        Usage: RaffsSync.Bench --gateway <RaffsSync.Api.dll> [options]

          --gateway <path>        The gateway assembly to run, built in Release (required).
          --duration <seconds>    Measured time of each load scenario, 1 to 240; default 10.
          --runs <count>          Runs of every scenario, reported as the median; default 3.
          --connections <count>   wrk connections and pgbench clients; default 64.
          --threads <count>       wrk and pgbench threads; default 2.
          --warmup <seconds>      Load sent to each new server before it is measured, so that the JIT
                                  has finished tiering up; default 15.
          --output <path>         Markdown file whose results block is replaced; default docs/benchmarks.md.
          --no-output             Print the results without writing the markdown file.
          --scenarios <names>     Comma-separated subset of: bare, pgbench, baseline, batched,
                                  half-duplicates, half-rate. Default: all.
          --invoked-as <text>     The command to show in the report; default the harness's own arguments.
          --processing-workers <count>
                                  Inbox workers in each measured gateway, 0 to 64; default 0, so that the
                                  gateway only receives and stores, as a receiving instance would.
          --set <key>=<value>     Gateway setting for the batched scenarios, such as
                                  RaffsSync:Storage:Batching:MaxWaitMicroseconds=0. Repeatable.
        """;

    public static readonly IReadOnlyList<string> AllScenarios =
    [
        "bare",
        "pgbench",
        "baseline",
        "batched",
        "half-duplicates",
        "half-rate",
    ];

    public string GatewayPath { get; private set; } = "";

    public int DurationSeconds { get; private set; } = 10;

    public int Runs { get; private set; } = 3;

    public int Connections { get; private set; } = 64;

    public int Threads { get; private set; } = 2;

    public int WarmupSeconds { get; private set; } = 15;

    public string? OutputPath { get; private set; } = "docs/benchmarks.md";

    public IReadOnlySet<string> Scenarios { get; private set; } = AllScenarios.ToHashSet();

    public Dictionary<string, string> GatewaySettings { get; } = [];

    /// <summary>Value of <c>RaffsSync:Processing:Workers</c> for every gateway the harness starts.</summary>
    public int ProcessingWorkers { get; private set; }

    /// <summary>The command that started the harness, for the report.</summary>
    public string CommandLine { get; private set; } = "";

    /// <summary>Parses the arguments, or throws <see cref="ArgumentException"/> naming the invalid one.</summary>
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions { CommandLine = "RaffsSync.Bench " + string.Join(' ', args) };
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--gateway":
                    options.GatewayPath = Path.GetFullPath(Value(args, ref i));
                    break;
                case "--duration":
                    options.DurationSeconds = Number(args, ref i, 1, 240);
                    break;
                case "--runs":
                    options.Runs = Number(args, ref i, 1, 15);
                    break;
                case "--connections":
                    options.Connections = Number(args, ref i, 1, 1000);
                    break;
                case "--threads":
                    options.Threads = Number(args, ref i, 1, 64);
                    break;
                case "--warmup":
                    options.WarmupSeconds = Number(args, ref i, 1, 120);
                    break;
                case "--output":
                    options.OutputPath = Value(args, ref i);
                    break;
                case "--invoked-as":
                    options.CommandLine = Value(args, ref i);
                    break;
                case "--processing-workers":
                    options.ProcessingWorkers = Number(args, ref i, 0, 64);
                    break;
                case "--no-output":
                    options.OutputPath = null;
                    break;
                case "--scenarios":
                    options.Scenarios = ParseScenarios(Value(args, ref i));
                    break;
                case "--set":
                    var setting = Value(args, ref i).Split('=', 2);
                    if (setting.Length != 2 || setting[0].Length == 0)
                    {
                        throw new ArgumentException($"--set expects key=value, not '{args[i]}'.");
                    }

                    options.GatewaySettings[setting[0]] = setting[1];
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        if (options.GatewayPath.Length == 0 || !File.Exists(options.GatewayPath))
        {
            throw new ArgumentException(
                $"--gateway must name the built RaffsSync.Api.dll; '{options.GatewayPath}' does not exist."
            );
        }

        return options;
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
        {
            throw new ArgumentException($"{args[i]} needs a value.");
        }

        i++;
        return args[i];
    }

    private static int Number(string[] args, ref int i, int min, int max)
    {
        var name = args[i];
        var text = Value(args, ref i);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{text}'.");
        }

        if (value < min || value > max)
        {
            throw new ArgumentException($"{name} must be from {min} to {max}, not {value}.");
        }

        return value;
    }

    private static HashSet<string> ParseScenarios(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(name => !AllScenarios.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Unknown scenario '{string.Join("', '", unknown)}'; use {string.Join(", ", AllScenarios)}."
            );
        }

        return [.. names];
    }
}
