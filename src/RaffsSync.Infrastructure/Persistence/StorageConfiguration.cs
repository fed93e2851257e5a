using Microsoft.EntityFrameworkCore;
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

    public StorageConfiguration(StorageOptions storage)
    {
        ConnectionString = StorageSettings.ConnectionString(storage);
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

    public IInboxWriter CreateInboxWriter() =>
        dataSource is not null ? new PostgresInboxWriter(dataSource) : new SqliteInboxWriter(ConnectionString);

    public ValueTask DisposeAsync() => dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;
}
