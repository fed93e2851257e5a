using RaffsSync.Domain.Inventory;

namespace RaffsSync.Application.Records;

/// <summary>
/// The quantity of one item in one warehouse as one source event reports it. A null number or name leaves the
/// stored one unchanged.
/// </summary>
public sealed class InventoryLevelUpdate
{
    public required long DatabaseId { get; init; }

    public required long ItemId { get; init; }

    public required long WarehouseId { get; init; }

    public string? ItemNumber { get; init; }

    public string? WarehouseName { get; init; }

    public required decimal Quantity { get; init; }

    /// <summary>The source's time of the quantity, which decides between this update and the stored level.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>The inbox event id the update comes from.</summary>
    public required string EventId { get; init; }

    /// <summary>True when <paramref name="level"/> has a newer quantity; an equal time is not older.</summary>
    public bool IsOlderThan(InventoryLevel level) => AsOf < level.AsOf;

    public void ApplyTo(InventoryLevel level, DateTimeOffset now)
    {
        level.ItemNumber = ItemNumber ?? level.ItemNumber;
        level.WarehouseName = WarehouseName ?? level.WarehouseName;
        level.Quantity = Quantity;
        level.AsOf = AsOf.ToUniversalTime();
        level.LastEventId = EventId;
        level.UpdatedAt = now;
    }
}
