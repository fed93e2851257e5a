namespace RaffsSync.Domain.Inventory;

/// <summary>
/// The quantity of one item in one warehouse of one Accurate database, as of the source's timestamp.
/// </summary>
public sealed class InventoryLevel
{
    public Guid Id { get; set; }

    /// <summary>The Accurate database (tenant) id.</summary>
    public long DatabaseId { get; set; }

    public long ItemId { get; set; }

    public long WarehouseId { get; set; }

    /// <summary>The item's number (SKU) as the source sent it.</summary>
    public string? ItemNumber { get; set; }

    public string? WarehouseName { get; set; }

    public decimal Quantity { get; set; }

    /// <summary>The source's time of this quantity; an older quantity never replaces it.</summary>
    public DateTimeOffset AsOf { get; set; }

    /// <summary>The inbox event id whose payload was applied last.</summary>
    public required string LastEventId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
