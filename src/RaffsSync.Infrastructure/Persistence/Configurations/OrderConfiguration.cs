using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RaffsSync.Domain.Orders;

namespace RaffsSync.Infrastructure.Persistence.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public const string TableName = "orders";

    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(order => order.Id);

        builder.Property(order => order.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(order => order.Source).HasColumnName("source").HasMaxLength(OrderLimits.SourceMaxLength);
        builder
            .Property(order => order.ExternalId)
            .HasColumnName("external_id")
            .HasMaxLength(OrderLimits.ExternalIdMaxLength);
        builder.Property(order => order.Number).HasColumnName("number").HasMaxLength(OrderLimits.NumberMaxLength);
        builder
            .Property(order => order.OrderStatus)
            .HasColumnName("order_status")
            .HasMaxLength(OrderLimits.StatusMaxLength);
        builder
            .Property(order => order.PaymentStatus)
            .HasColumnName("payment_status")
            .HasMaxLength(OrderLimits.StatusMaxLength);
        builder
            .Property(order => order.FulfillmentStatus)
            .HasColumnName("fulfillment_status")
            .HasMaxLength(OrderLimits.StatusMaxLength);
        builder
            .Property(order => order.Currency)
            .HasColumnName("currency")
            .HasMaxLength(OrderLimits.CurrencyLength)
            .IsFixedLength();
        builder.Property(order => order.ItemsAmount).HasColumnName("items_amount");
        builder.Property(order => order.TotalAmount).HasColumnName("total_amount");
        builder
            .Property(order => order.CustomerId)
            .HasColumnName("customer_id")
            .HasMaxLength(OrderLimits.CustomerIdMaxLength);
        builder.Property(order => order.SourceCreatedAt).HasColumnName("source_created_at");
        builder.Property(order => order.SourceUpdatedAt).HasColumnName("source_updated_at");
        builder
            .Property(order => order.LastEventId)
            .HasColumnName("last_event_id")
            .HasMaxLength(Domain.Inbox.InboxLimits.EventIdMaxLength);
        builder.Property(order => order.CreatedAt).HasColumnName("created_at");
        builder.Property(order => order.UpdatedAt).HasColumnName("updated_at");

        builder
            .HasMany(order => order.LineItems)
            .WithOne()
            .HasForeignKey(line => line.OrderId)
            .OnDelete(DeleteBehavior.Cascade);

        // One order per source and id: the order writers rely on it.
        builder
            .HasIndex(order => new { order.Source, order.ExternalId })
            .IsUnique()
            .HasDatabaseName("ux_orders_source_external_id");
    }
}
