using Microsoft.EntityFrameworkCore;
using RaffsSync.Domain.Inbox;
using RaffsSync.Domain.Inventory;
using RaffsSync.Domain.Orders;
using RaffsSync.Domain.Refresh;

namespace RaffsSync.Infrastructure.Persistence;

/// <summary>
/// The gateway's database. Each storage provider has a subclass that owns its migrations, so the two sets of
/// migrations never mix.
/// </summary>
public abstract class RaffsSyncDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<InboxEvent> InboxEvents => Set<InboxEvent>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLineItem> OrderLineItems => Set<OrderLineItem>();

    public DbSet<InventoryLevel> InventoryLevels => Set<InventoryLevel>();

    public DbSet<RefreshRequest> RefreshRequests => Set<RefreshRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RaffsSyncDbContext).Assembly);
    }
}

/// <summary>PostgreSQL, for production and several gateway instances.</summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : RaffsSyncDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<InboxEvent>().Property(inboxEvent => inboxEvent.Headers).HasColumnType("jsonb");
    }
}

/// <summary>SQLite, the embedded default for a single instance.</summary>
public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : RaffsSyncDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no time type: storing the binary form keeps times comparable and sortable in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<SqliteValues.DateTimeOffsetConverter>();
        configurationBuilder.Properties<Guid>().HaveConversion<SqliteValues.GuidConverter>();
    }
}
