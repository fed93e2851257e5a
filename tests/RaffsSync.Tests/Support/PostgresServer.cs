using System.Text.RegularExpressions;
using DotNet.Testcontainers.Builders;
using Npgsql;
using Testcontainers.PostgreSql;

namespace RaffsSync.Tests.Support;

/// <summary>
/// A PostgreSQL server for tests. <see cref="StartAsync"/> uses, in this order: the server named by the
/// <c>RAFFSSYNC_TEST_POSTGRES</c> environment variable, a Testcontainers container when a Docker engine
/// is reachable, or a throwaway cluster started from local PostgreSQL binaries. It throws when none is available,
/// so tests that need PostgreSQL fail instead of being skipped.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    public const string ConnectionStringVariable = "RAFFSSYNC_TEST_POSTGRES";

    private const string ContainerImage = "postgres:16-alpine";

    private readonly IAsyncDisposable? _owner;

    private PostgresServer(string connectionString, IAsyncDisposable? owner)
    {
        ConnectionString = connectionString;
        _owner = owner;
    }

    /// <summary>Connection string for the admin database, as a user that can create and drop databases.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Starts or connects to a PostgreSQL server.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// No server is available, or local binaries were found but the cluster failed to start.
    /// </exception>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new PostgresServer(configured, owner: null);
        }

        var (container, dockerFailure) = await TryStartContainerAsync(cancellationToken);
        if (container is not null)
        {
            return new PostgresServer(container.GetConnectionString(), container);
        }

        var cluster = await LocalPostgresCluster.TryStartAsync(cancellationToken);
        if (cluster is not null)
        {
            return new PostgresServer(cluster.ConnectionString, cluster);
        }

        throw new InvalidOperationException(
            "No PostgreSQL server is available for the tests. "
                + $"{ConnectionStringVariable} is not set, no Docker engine is reachable (see the inner exception), "
                + "and no initdb and pg_ctl were found in PATH or /usr/lib/postgresql/*/bin. "
                + "Do one of these: install the PostgreSQL server binaries (Debian: apt-get install postgresql), "
                + $"start a Docker engine, or set {ConnectionStringVariable} to an admin connection string such as "
                + "\"Host=127.0.0.1;Port=5432;Username=postgres;Password=...;Database=postgres\".",
            dockerFailure
        );
    }

    /// <summary>
    /// Creates an empty database and returns its connection string. A database with the same name is
    /// dropped first, with its open connections, so that a rerun against a shared server starts clean.
    /// </summary>
    /// <param name="name">Lower-case letters, digits and underscores, starting with a letter or underscore,
    /// at most 63 characters, so the name needs no quoting and is never case-folded.</param>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        if (!DatabaseNamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"Invalid database name '{name}': use 1 to 63 lower-case letters, digits or underscores, "
                    + "starting with a letter or underscore.",
                nameof(name)
            );
        }

        var databaseConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name };
        var connectionString = databaseConnectionString.ToString();

        // DROP ... WITH (FORCE) below ends the server side of pooled connections to this database, so clear the pool.
        await using (var stale = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(stale);
        }

        await using var admin = new NpgsqlConnection(ConnectionString);
        await admin.OpenAsync();

        // WITH (FORCE) needs PostgreSQL 13 or later.
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        return connectionString;
    }

    /// <summary>
    /// Stops and deletes a container or local cluster. A server named by the environment variable is left running.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_owner is not null)
        {
            await _owner.DisposeAsync();
        }
    }

    private static async Task<(
        PostgreSqlContainer? Container,
        DockerUnavailableException? DockerFailure
    )> TryStartContainerAsync(CancellationToken cancellationToken)
    {
        // NOTE: the container path has not run in this repository's CI, which has no Docker engine.
        // Without an engine, Testcontainers throws DockerUnavailableException from Build() or StartAsync()
        // after probing the configured endpoints. Without a Docker socket the probe took about 0.1 s here.
        PostgreSqlContainer container;
        try
        {
            container = new PostgreSqlBuilder(ContainerImage).WithCommand("-c", "max_connections=200").Build();
        }
        catch (DockerUnavailableException exception)
        {
            return (null, exception);
        }

        try
        {
            await container.StartAsync(cancellationToken);
            return (container, null);
        }
        catch (DockerUnavailableException exception)
        {
            await container.DisposeAsync();
            return (null, exception);
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }
    }

    // \z instead of $, because $ also matches before a trailing newline.
    [GeneratedRegex(@"^[a-z_][a-z0-9_]{0,62}\z")]
    private static partial Regex DatabaseNamePattern();
}
