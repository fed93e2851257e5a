using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace RaffsSync.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster in a temporary directory, started with the local initdb and pg_ctl and
/// reachable on 127.0.0.1 with trust authentication. Disposing it stops the server and deletes the directory.
/// </summary>
/// <remarks>
/// initdb and pg_ctl reject the root user, so when the tests run as root the directory is given to the
/// <c>postgres</c> user and both programs run through <c>runuser -u postgres --</c>.
/// NOTE: a test process that is killed before disposal leaves its server running, with its data in a
/// <c>raffssync-pg-*</c> directory under the temporary path.
/// </remarks>
internal sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private const string ServiceUser = "postgres";
    private const int StartAttempts = 3;
    private const int StartTimeoutSeconds = 60;

    // Only catches hung commands: initdb and pg_ctl each took under a second in test runs, and pg_ctl
    // itself gives up waiting for a start after StartTimeoutSeconds.
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly string _binDirectory;
    private readonly string _rootDirectory;
    private readonly bool _runAsServiceUser;

    private LocalPostgresCluster(string binDirectory, string rootDirectory, bool runAsServiceUser)
    {
        _binDirectory = binDirectory;
        _rootDirectory = rootDirectory;
        _runAsServiceUser = runAsServiceUser;
    }

    /// <summary>Connection string for the postgres database as the superuser, set when the server starts.</summary>
    public string ConnectionString { get; private set; } = "";

    private string DataDirectory => Path.Combine(_rootDirectory, "data");

    private string LogFile => Path.Combine(_rootDirectory, "postgres.log");

    /// <summary>
    /// Starts a cluster, or returns null when no initdb and pg_ctl are installed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The binaries exist but initdb or pg_ctl failed.</exception>
    public static async Task<LocalPostgresCluster?> TryStartAsync(CancellationToken cancellationToken)
    {
        var binDirectory = FindBinDirectory();
        if (binDirectory is null)
        {
            return null;
        }

        var rootDirectory = Directory.CreateTempSubdirectory("raffssync-pg-").FullName;
        var runAsServiceUser = Environment.IsPrivilegedProcess;
        var cluster = new LocalPostgresCluster(binDirectory, rootDirectory, runAsServiceUser);
        try
        {
            if (runAsServiceUser)
            {
                await ProcessRunner.RunAsync(
                    "chown",
                    [$"{ServiceUser}:", rootDirectory],
                    CommandTimeout,
                    cancellationToken
                );
            }

            await cluster.InitializeAsync(cancellationToken);
            await cluster.StartAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.StopIfRunningAsync();
            Directory.Delete(rootDirectory, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_rootDirectory, recursive: true);
    }

    private Task<string> StopAsync() =>
        RunPostgresToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w"], CancellationToken.None);

    /// <summary>Stops a server left behind by a failed start, such as one that pg_ctl stopped waiting for.</summary>
    private async Task StopIfRunningAsync()
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            return;
        }

        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Dropped, because the caller rethrows the start failure, which names the cause.
        }
    }

    /// <summary>
    /// Returns the directory that contains both initdb and pg_ctl: the first in PATH, else the newest
    /// version under /usr/lib/postgresql, where Debian's packages install them outside PATH.
    /// </summary>
    private static string? FindBinDirectory()
    {
        var pathDirectories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(
            Path.PathSeparator,
            StringSplitOptions.RemoveEmptyEntries
        );
        var fromPath = pathDirectories.FirstOrDefault(HasPostgresTools);
        if (fromPath is not null)
        {
            return fromPath;
        }

        const string DebianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(DebianRoot))
        {
            return null;
        }

        return Directory
            .GetDirectories(DebianRoot)
            .Select(versionDirectory => Path.Combine(versionDirectory, "bin"))
            .Where(HasPostgresTools)
            .OrderByDescending(ParseVersion)
            .FirstOrDefault();
    }

    private static bool HasPostgresTools(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));

    /// <summary>Parses the version from a path such as /usr/lib/postgresql/15/bin, with 0 when it has none.</summary>
    private static Version ParseVersion(string binDirectory)
    {
        var name = Path.GetFileName(Path.GetDirectoryName(binDirectory)) ?? "";
        var text = name.Contains('.', StringComparison.Ordinal) ? name : name + ".0";
        return Version.TryParse(text, out var version) ? version : new Version(0, 0);
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // --auth=trust writes trust lines for the Unix socket, 127.0.0.1/32 and ::1/128 into pg_hba.conf.
        // --no-sync skips flushing the new files to disk, because the cluster is deleted after the tests.
        await RunPostgresToolAsync(
            "initdb",
            ["-D", DataDirectory, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"],
            cancellationToken
        );

        // fsync=off loses data only on an operating system crash, which does not matter for a throwaway cluster.
        // synchronous_commit keeps its default so that commit timing stays close to production.
        var socketDirectory = _rootDirectory.Replace("'", "''", StringComparison.Ordinal);
        string[] settings =
        [
            "",
            "# Added by the RaffsSync test harness.",
            "listen_addresses = '127.0.0.1'",
            $"unix_socket_directories = '{socketDirectory}'",
            "max_connections = 200",
            "fsync = off",
        ];
        await File.AppendAllLinesAsync(Path.Combine(DataDirectory, "postgresql.conf"), settings, cancellationToken);
    }

    /// <summary>
    /// Starts the server on a free port. Another process can take the port between the probe and the start,
    /// so a start that fails with "Address already in use" is retried on a new port.
    /// </summary>
    private async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FindFreePort();
            File.Delete(LogFile);
            try
            {
                await RunPostgresToolAsync(
                    "pg_ctl",
                    [
                        "start",
                        "-D",
                        DataDirectory,
                        "-l",
                        LogFile,
                        "-w",
                        "-t",
                        StartTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
                        "-o",
                        $"-p {port}",
                    ],
                    cancellationToken
                );
                ConnectionString = new NpgsqlConnectionStringBuilder
                {
                    Host = IPAddress.Loopback.ToString(),
                    Port = port,
                    Username = Superuser,
                    Database = "postgres",
                    IncludeErrorDetail = true,
                }.ToString();
                return;
            }
            catch (InvalidOperationException exception)
            {
                var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile, cancellationToken) : "";
                var portTaken = log.Contains("Address already in use", StringComparison.Ordinal);
                if (portTaken && attempt < StartAttempts)
                {
                    continue;
                }

                throw new InvalidOperationException(
                    $"{exception.Message}{Environment.NewLine}Server log {LogFile}:{Environment.NewLine}{log}",
                    exception
                );
            }
        }
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<string> RunPostgresToolAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var toolPath = Path.Combine(_binDirectory, tool);
        if (!_runAsServiceUser)
        {
            return ProcessRunner.RunAsync(toolPath, arguments, CommandTimeout, cancellationToken);
        }

        return ProcessRunner.RunAsync(
            "runuser",
            ["-u", ServiceUser, "--", toolPath, .. arguments],
            CommandTimeout,
            cancellationToken
        );
    }
}
