namespace RaffsSync.Domain.Orders;

/// <summary>One line of an order, in the order the source listed it. Money is in the order currency's minor units.</summary>
public sealed class OrderLineItem
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    /// <summary>Zero-based place of the line in the source's list.</summary>
    public int Position { get; set; }

    /// <summary>The line's id in the source, when it has one.</summary>
    public string? ExternalId { get; set; }

    public string? ProductId { get; set; }

    public string? Name { get; set; }

    public decimal? Quantity { get; set; }

    public long? UnitPrice { get; set; }

    public long? TotalAmount { get; set; }
}
