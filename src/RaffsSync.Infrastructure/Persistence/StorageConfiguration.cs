using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Inbox;
using RaffsSync.Infrastructure.Persistence.Inbox;

namespace RaffsSync.Infrastructure.Persistence;

/// <summary>
/// The database chosen by <c>RaffsSync:Storage</c>, resolved from options when first needed so that settings
/// added late (by a test host, say) still count. Owns the PostgreSQL data source and its connection pool.
/// </summary>
internal sealed class StorageConfiguration : IAsyncDisposable
{
    private readonly NpgsqlDataSource? dataSource;
    private readonly DbContextOptions<PostgresDbContext>? postgresOptions;
    private readonly DbContextOptions<SqliteDbContext>? sqliteOptions;
    private readonly InboxBatchingOptions batching;

    public StorageConfiguration(StorageOptions storage)
    {
        ConnectionString = StorageSettings.ConnectionString(storage);
        batching = StorageSettings.ValidateBatching(storage.Batching);
        if (StorageSettings.IsPostgres(storage))
        {
            dataSource = new NpgsqlDataSourceBuilder(ConnectionString).Build();
            postgresOptions = new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(dataSource).Options;
        }
        else if (StorageSettings.IsSqlite(storage))
        {
            sqliteOptions = new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite(ConnectionString).Options;
        }
        else
        {
            throw new InvalidOperationException(
                $"RaffsSync:Storage:Provider '{storage.Provider}' is unknown; use Sqlite or Postgres."
            );
        }
    }

    public string ConnectionString { get; }

    public bool IsPostgres => dataSource is not null;

    public RaffsSyncDbContext CreateContext() =>
        dataSource is not null ? new PostgresDbContext(postgresOptions!) : new SqliteDbContext(sqliteOptions!);

    /// <summary>
    /// Creates the inbox writer: on PostgreSQL the batching writer unless <c>Storage:Batching:Enabled</c> is false,
    /// then one statement per delivery; on SQLite one transaction per delivery.
    /// </summary>
    public IInboxWriter CreateInboxWriter(ILoggerFactory loggerFactory)
    {
        if (dataSource is null)
        {
            return new SqliteInboxWriter(ConnectionString);
        }

        return batching.Enabled
            ? new BatchingPostgresInboxWriter(
                dataSource,
                batching,
                loggerFactory.CreateLogger<BatchingPostgresInboxWriter>()
            )
            : new PostgresInboxWriter(dataSource);
    }

    public ValueTask DisposeAsync() => dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;
}
