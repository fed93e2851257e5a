namespace RaffsSync.Tests.Support;

/// <summary>
/// A fresh, empty database for one test: a SQLite file in a temporary folder, or a new database on the shared
/// PostgreSQL server.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    private readonly string? folder;

    private TestDatabase(string provider, string connectionString, string? folder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.folder = folder;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("raffssync-test-").FullName;
            var connectionString = $"Data Source={Path.Combine(folder, "raffssync.db")};Pooling=False";
            return new TestDatabase(Sqlite, connectionString, folder);
        }

        var server = await SharedPostgres.GetAsync();
        var name = "t" + Guid.NewGuid().ToString("N");
        return new TestDatabase(Postgres, await server.CreateDatabaseAsync(name), folder: null);
    }

    public void Dispose()
    {
        if (folder is not null)
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
