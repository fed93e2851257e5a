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
}
