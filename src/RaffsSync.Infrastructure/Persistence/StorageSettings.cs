using RaffsSync.Application.Configuration;

namespace RaffsSync.Infrastructure.Persistence;

internal static class StorageSettings
{
    public static bool IsSqlite(StorageOptions storage) =>
        string.Equals(storage.Provider, StorageOptions.SqliteProvider, StringComparison.OrdinalIgnoreCase);

    public static bool IsPostgres(StorageOptions storage) =>
        string.Equals(storage.Provider, StorageOptions.PostgresProvider, StringComparison.OrdinalIgnoreCase);

    public static string ConnectionString(StorageOptions storage)
    {
        if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            return storage.ConnectionString;
        }

        if (IsSqlite(storage))
        {
            return StorageOptions.DefaultSqliteConnectionString;
        }

        throw new InvalidOperationException(
            "RaffsSync:Storage:ConnectionString is missing; PostgreSQL needs one, such as "
                + "Host=127.0.0.1;Database=raffssync;Username=raffssync;Password=..."
        );
    }

    /// <summary>Checks the batching settings at start-up, naming the key and the allowed range.</summary>
    public static InboxBatchingOptions ValidateBatching(InboxBatchingOptions batching)
    {
        CheckRange(nameof(batching.MaxBatchSize), batching.MaxBatchSize, 1, 10_000);
        CheckRange(nameof(batching.MaxWaitMicroseconds), batching.MaxWaitMicroseconds, 0, 1_000_000);
        CheckRange(nameof(batching.MaxConcurrentBatches), batching.MaxConcurrentBatches, 1, 64);
        return batching;
    }

    private static void CheckRange(string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new InvalidOperationException(
                $"RaffsSync:Storage:Batching:{key} is {value}; set a whole number from {min} to {max}."
            );
        }
    }
}
