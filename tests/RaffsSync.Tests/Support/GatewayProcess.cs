using System.Diagnostics;

namespace RaffsSync.Tests.Support;

/// <summary>
/// Runs the built gateway as its own process, as an operator would, to observe start-up and exit codes.
/// </summary>
public static class GatewayProcess
{
    /// <summary>Starts the gateway in a temporary folder and waits for it to exit or to report that it listens.</summary>
    public static async Task<(int? ExitCode, string Output)> RunUntilStartedOrExitedAsync(
        IDictionary<string, string> environment,
        TimeSpan timeout
    )
    {
        var folder = Directory.CreateTempSubdirectory("raffssync-process-").FullName;
        var assembly = Path.Combine(TestContext.CurrentContext.TestDirectory, "RaffsSync.Api.dll");
        var startInfo = new ProcessStartInfo("dotnet", [assembly])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        var output = new System.Text.StringBuilder();
        var started = new TaskCompletionSource();
        process.OutputDataReceived += (_, line) => Collect(line.Data);
        process.ErrorDataReceived += (_, line) => Collect(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var exited = process.WaitForExitAsync();
            await Task.WhenAny(exited, started.Task, Task.Delay(timeout));
            if (process.HasExited)
            {
                // Waiting again lets the output readers drain what the process wrote before exiting.
                await exited;
            }

            return (process.HasExited ? process.ExitCode : null, output.ToString());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            Directory.Delete(folder, recursive: true);
        }

        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (line.Contains("Now listening on", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        }
    }
}
