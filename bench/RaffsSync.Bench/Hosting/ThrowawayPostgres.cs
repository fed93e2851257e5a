using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace RaffsSync.Bench.Hosting;

/// <summary>
/// A PostgreSQL cluster in a temporary directory for one benchmark, listening only on 127.0.0.1, with
/// <c>fsync = on</c> and <c>synchronous_commit = on</c> so that every commit waits for its WAL flush, as in
/// production. Disposing it stops the server and deletes the directory.
/// </summary>
/// <remarks>
/// initdb and pg_ctl reject the root user, so as root the directory is given to <c>postgres</c> and both run
/// through <c>runuser -u postgres --</c>.
/// </remarks>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    public const string DatabaseName = "raffssync";
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly string binDirectory;
    private readonly string rootDirectory;
    private readonly bool runAsServiceUser;

    private ThrowawayPostgres(string binDirectory, string rootDirectory, int port)
    {
        this.binDirectory = binDirectory;
        this.rootDirectory = rootDirectory;
        runAsServiceUser = Environment.IsPrivilegedProcess;
        Port = port;
    }

    public int Port { get; }

    public string BinDirectory => binDirectory;

    public string ConnectionString =>
        new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = Port,
            Username = ServiceUser,
            Database = DatabaseName,
        }.ToString();

    private string DataDirectory => Path.Combine(rootDirectory, "data");

    /// <summary>Reads the postmaster's process id from the first line of postmaster.pid.</summary>
    public int PostmasterProcessId() =>
        int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <summary>Initializes and starts a cluster, then creates the <see cref="DatabaseName"/> database.</summary>
    public static async Task<ThrowawayPostgres> StartAsync(string binDirectory)
    {
        var rootDirectory = Directory.CreateTempSubdirectory("raffssync-bench-pg-").FullName;
        var cluster = new ThrowawayPostgres(binDirectory, rootDirectory, FindFreePort());
        if (cluster.runAsServiceUser)
        {
            await ProcessRunner.RunAsync("chown", [$"{ServiceUser}:", rootDirectory], CommandTimeout);
        }

        await cluster.RunToolAsync(
            "initdb",
            ["-D", cluster.DataDirectory, "-U", ServiceUser, "--auth=trust", "--encoding=UTF8", "--no-locale"]
        );
        var socketDirectory = rootDirectory.Replace("'", "''", StringComparison.Ordinal);
        string[] settings =
        [
            "",
            "# Added by RaffsSync.Bench. Everything else keeps the PostgreSQL defaults.",
            "listen_addresses = '127.0.0.1'",
            $"port = {cluster.Port.ToString(CultureInfo.InvariantCulture)}",
            $"unix_socket_directories = '{socketDirectory}'",
            "max_connections = 200",
            "fsync = on",
            "synchronous_commit = on",
        ];
        await File.AppendAllLinesAsync(Path.Combine(cluster.DataDirectory, "postgresql.conf"), settings);

        await cluster.RunToolAsync(
            "pg_ctl",
            ["start", "-D", cluster.DataDirectory, "-l", Path.Combine(rootDirectory, "postgres.log"), "-w"]
        );

        var admin = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(admin.ToString());
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
        await create.ExecuteNonQueryAsync();
        return cluster;
    }

    /// <summary>Empties the inbox so that every scenario starts from the same table size.</summary>
    public async Task TruncateInboxAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("TRUNCATE inbox_events", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountInboxRowsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM inbox_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w"]);
        Directory.Delete(rootDirectory, recursive: true);
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<string> RunToolAsync(string tool, string[] arguments)
    {
        var toolPath = Path.Combine(binDirectory, tool);
        return runAsServiceUser
            ? ProcessRunner.RunAsync("runuser", ["-u", ServiceUser, "--", toolPath, .. arguments], CommandTimeout)
            : ProcessRunner.RunAsync(toolPath, arguments, CommandTimeout);
    }
}
