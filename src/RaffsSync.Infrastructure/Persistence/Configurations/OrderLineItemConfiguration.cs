using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RaffsSync.Domain.Orders;

namespace RaffsSync.Infrastructure.Persistence.Configurations;

internal sealed class OrderLineItemConfiguration : IEntityTypeConfiguration<OrderLineItem>
{
    public const string TableName = "order_line_items";

    public void Configure(EntityTypeBuilder<OrderLineItem> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(line => line.Id);

        builder.Property(line => line.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(line => line.OrderId).HasColumnName("order_id");
        builder.Property(line => line.Position).HasColumnName("position");
        builder
            .Property(line => line.ExternalId)
            .HasColumnName("external_id")
            .HasMaxLength(OrderLimits.ExternalIdMaxLength);
        builder
            .Property(line => line.ProductId)
            .HasColumnName("product_id")
            .HasMaxLength(OrderLimits.ProductIdMaxLength);
        builder.Property(line => line.Name).HasColumnName("name").HasMaxLength(OrderLimits.LineItemNameMaxLength);
        builder
            .Property(line => line.Quantity)
            .HasColumnName("quantity")
            .HasPrecision(OrderLimits.QuantityPrecision, OrderLimits.QuantityScale);
        builder.Property(line => line.UnitPrice).HasColumnName("unit_price");
        builder.Property(line => line.TotalAmount).HasColumnName("total_amount");

        builder
            .HasIndex(line => new { line.OrderId, line.Position })
            .IsUnique()
            .HasDatabaseName("ux_order_line_items_order_id_position");
    }
}
