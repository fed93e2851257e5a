using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RaffsSync.Infrastructure.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build each context without a running host or database.
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresDbContext>()
            .UseNpgsql("Host=localhost;Database=raffssync")
            .Options;
        return new PostgresDbContext(options);
    }
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDbContext>
{
    public SqliteDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite("Data Source=design.db").Options;
        return new SqliteDbContext(options);
    }
}
