using System.Diagnostics;

namespace RaffsSync.Tests.Support;

internal static class ProcessRunner
{
    /// <summary>
    /// Runs a program to completion with no standard input and returns its standard output followed by its
    /// standard error. The process tree is killed when <paramref name="timeout"/> passes or the caller cancels.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The program failed to start, exited with a non-zero code, or ran longer than <paramref name="timeout"/>.
    /// </exception>
    public static async Task<string> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken
    )
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var commandLine = $"{fileName} {string.Join(' ', startInfo.ArgumentList)}";

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Failed to start '{commandLine}'.");
        process.StandardInput.Close();

        var standardOutput = process.StandardOutput.ReadToEndAsync(timeoutSource.Token);
        var standardError = process.StandardError.ReadToEndAsync(timeoutSource.Token);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
            var output = await standardOutput + await standardError;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"'{commandLine}' failed with exit code {process.ExitCode}:{Environment.NewLine}{output}"
                );
            }

            return output;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new InvalidOperationException($"'{commandLine}' timed out after {timeout}.");
        }
    }
}
