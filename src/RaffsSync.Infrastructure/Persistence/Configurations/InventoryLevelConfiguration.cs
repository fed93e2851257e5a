using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RaffsSync.Domain.Inbox;
using RaffsSync.Domain.Inventory;

namespace RaffsSync.Infrastructure.Persistence.Configurations;

internal sealed class InventoryLevelConfiguration : IEntityTypeConfiguration<InventoryLevel>
{
    public const string TableName = "inventory_levels";

    public void Configure(EntityTypeBuilder<InventoryLevel> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(level => level.Id);

        builder.Property(level => level.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(level => level.DatabaseId).HasColumnName("database_id");
        builder.Property(level => level.ItemId).HasColumnName("item_id");
        builder.Property(level => level.WarehouseId).HasColumnName("warehouse_id");
        builder
            .Property(level => level.ItemNumber)
            .HasColumnName("item_number")
            .HasMaxLength(InventoryLimits.ItemNumberMaxLength);
        builder
            .Property(level => level.WarehouseName)
            .HasColumnName("warehouse_name")
            .HasMaxLength(InventoryLimits.WarehouseNameMaxLength);
        builder
            .Property(level => level.Quantity)
            .HasColumnName("quantity")
            .HasPrecision(InventoryLimits.QuantityPrecision, InventoryLimits.QuantityScale);
        builder.Property(level => level.AsOf).HasColumnName("as_of");
        builder
            .Property(level => level.LastEventId)
            .HasColumnName("last_event_id")
            .HasMaxLength(InboxLimits.EventIdMaxLength);
        builder.Property(level => level.CreatedAt).HasColumnName("created_at");
        builder.Property(level => level.UpdatedAt).HasColumnName("updated_at");

        builder
            .HasIndex(level => new
            {
                level.DatabaseId,
                level.ItemId,
                level.WarehouseId,
            })
            .IsUnique()
            .HasDatabaseName("ux_inventory_levels_database_item_warehouse");
    }
}
