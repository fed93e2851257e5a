using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RaffsSync.Bench.Hosting;

/// <summary>
/// Runs command-line tools to completion with a time limit.
/// </summary>
internal static partial class ProcessRunner
{
    /// <summary>
    /// Runs a program and returns its standard output and error.
    /// </summary>
    /// <exception cref="InvalidOperationException">The program exited with a non-zero code or timed out.</exception>
    public static async Task<string> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IDictionary<string, string>? environment = null
    )
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var commandLine = $"{fileName} {string.Join(' ', startInfo.ArgumentList)}";
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Failed to start '{commandLine}'.");
        process.StandardInput.Close();

        using var limit = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(limit.Token);
        var error = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'{commandLine}' timed out after {timeout.TotalSeconds:0} s.");
        }

        var text = await output + await error;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{commandLine}' failed with exit code {process.ExitCode}:{Environment.NewLine}{text}"
            );
        }

        return text;
    }

    /// <summary>
    /// Runs a program like <see cref="RunAsync"/> and also returns the CPU seconds (user + system) it and its children
    /// used, as the shell's <c>times</c> builtin reports them.
    /// </summary>
    public static async Task<(string Output, double CpuSeconds)> RunMeasuredAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout
    )
    {
        const string Marker = "CHILD_CPU_TIMES";
        string[] shellArguments =
        [
            "-c",
            $"\"$0\" \"$@\"; status=$?; echo {Marker}; times; exit $status",
            fileName,
            .. arguments,
        ];
        var output = await RunAsync("/bin/sh", shellArguments, timeout);
        var marker = output.LastIndexOf(Marker, StringComparison.Ordinal);
        if (marker < 0)
        {
            throw new InvalidOperationException($"The shell printed no CPU times after '{fileName}':\n{output}");
        }

        // times prints the shell's own user and system time, then its children's, each like 1m2.345s.
        var durations = DurationPattern().Matches(output[marker..]).ToList();
        var children = durations
            .Skip(2)
            .Take(2)
            .Sum(match =>
                (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 60)
                + double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)
            );
        return (output[..marker], children);
    }

    /// <summary>Returns the full path of a program found in PATH or in one of <paramref name="extraDirectories"/>.</summary>
    public static string? Find(string program, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var directories = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraDirectories);
        return directories.Select(directory => Path.Combine(directory, program)).FirstOrDefault(File.Exists);
    }

    [GeneratedRegex(@"([0-9]+)m([0-9.]+)s")]
    private static partial Regex DurationPattern();
}
