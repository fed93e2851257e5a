namespace RaffsSync.Domain.Inventory;

/// <summary>Column lengths of inventory levels, shared by the handlers' checks and the database schema.</summary>
public static class InventoryLimits
{
    public const int ItemNumberMaxLength = 100;

    public const int WarehouseNameMaxLength = 200;

    /// <summary>Digits of a quantity, of which <see cref="QuantityScale"/> after the decimal point.</summary>
    public const int QuantityPrecision = 19;

    public const int QuantityScale = 4;
}
