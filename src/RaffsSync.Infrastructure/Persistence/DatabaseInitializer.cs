using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RaffsSync.Application.Configuration;

namespace RaffsSync.Infrastructure.Persistence;

/// <summary>
/// Prepares the database at start-up: creates the SQLite file's folder and applies pending migrations, unless
/// <c>Storage:MigrateOnStartup</c> is false.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var storage = services.GetRequiredService<IOptions<RaffsSyncOptions>>().Value.Storage;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));

        if (!storage.MigrateOnStartup)
        {
            logger.LogInformation("Skipping migrations: Storage:MigrateOnStartup is false");
            return;
        }

        if (StorageSettings.IsSqlite(storage))
        {
            CreateSqliteFolder(StorageSettings.ConnectionString(storage));
        }

        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RaffsSyncDbContext>();
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await context.Database.MigrateAsync(cancellationToken);
        logger.LogInformation(
            "Database ready on {StorageProvider}; applied {MigrationCount} migrations",
            storage.Provider,
            pending.Count
        );

        if (StorageSettings.IsSqlite(storage))
        {
            // WAL lets readers (readiness, workers) run while the inbox writer commits.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    private static void CreateSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }
}
