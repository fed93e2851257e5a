using System.Diagnostics;

namespace RaffsSync.Bench.Hosting;

/// <summary>
/// Runs command-line tools to completion with a time limit.
/// </summary>
internal static class ProcessRunner
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

    /// <summary>Returns the full path of a program found in PATH or in one of <paramref name="extraDirectories"/>.</summary>
    public static string? Find(string program, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var directories = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraDirectories);
        return directories.Select(directory => Path.Combine(directory, program)).FirstOrDefault(File.Exists);
    }
}
