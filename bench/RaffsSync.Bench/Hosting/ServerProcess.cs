using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RaffsSync.Bench.Hosting;

/// <summary>
/// An HTTP server under test, run as a child process on 127.0.0.1 with its output copied to a log file.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly StreamWriter log;

    private ServerProcess(Process process, StreamWriter log, int port)
    {
        this.process = process;
        this.log = log;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => process.Id;

    public string HostAndPort => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public Uri BaseAddress => new($"http://{HostAndPort}");

    /// <summary>
    /// Starts <c>dotnet {assembly} {arguments} --urls http://127.0.0.1:{port}</c> in the assembly's folder and waits
    /// until <c>GET /healthz</c> returns 200.
    /// </summary>
    /// <exception cref="InvalidOperationException">The process exited or did not become healthy in 60 s.</exception>
    public static async Task<ServerProcess> StartAsync(
        string assemblyPath,
        IEnumerable<string> arguments,
        IDictionary<string, string> environment,
        string logPath
    )
    {
        var port = FindFreePort();
        var startInfo = new ProcessStartInfo(
            DotnetHost(),
            [assemblyPath, .. arguments, "--urls", $"http://127.0.0.1:{port}"]
        )
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => WriteLine(log, line.Data);
        process.ErrorDataReceived += (_, line) => WriteLine(log, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, log, port);
        await server.WaitUntilHealthyAsync(logPath);

        // The process id lets dotnet-counters or dotnet-trace attach while the scenario runs.
        Console.WriteLine(
            $"   started {Path.GetFileName(assemblyPath)} as process {process.Id} on {server.HostAndPort}"
        );
        return server;
    }

    /// <summary>Returns the peak resident set size so far (VmHWM in /proc), in MiB.</summary>
    public double PeakWorkingSetMebibytes()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kibibytes = long.Parse(line["VmHWM:".Length..^"kB".Length].Trim(), CultureInfo.InvariantCulture);
                return kibibytes / 1024.0;
            }
        }

        throw new InvalidOperationException($"/proc/{process.Id}/status has no VmHWM line.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        await log.DisposeAsync();
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    /// <summary>Returns the dotnet host running this program, so that child processes use the same runtime.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilHealthyAsync(string logPath)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The server exited with code {process.ExitCode} during start-up; see {logPath}."
                );
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException(
            $"The server did not return 200 from /healthz within {StartTimeout}; see {logPath}."
        );
    }
}
