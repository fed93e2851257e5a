namespace RaffsSync.Domain.Orders;

/// <summary>
/// A sales order as its source last described it, keyed by (source, external id). Amounts are in the currency's
/// minor units. Of the customer only the source's id is kept: names, phone numbers and addresses are not copied.
/// </summary>
public sealed class Order
{
    public Guid Id { get; set; }

    /// <summary>The provider code the order came from, such as <c>takeapp</c> or <c>iseller</c>.</summary>
    public required string Source { get; set; }

    /// <summary>The order's id in the source.</summary>
    public required string ExternalId { get; set; }

    /// <summary>The number or reference people see, such as <c>1042</c> or <c>#3340-10001</c>.</summary>
    public string? Number { get; set; }

    public string? OrderStatus { get; set; }

    public string? PaymentStatus { get; set; }

    public string? FulfillmentStatus { get; set; }

    /// <summary>ISO 4217 code of the amounts.</summary>
    public string? Currency { get; set; }

    /// <summary>Sum of the line items in minor units, before discounts and fees.</summary>
    public long? ItemsAmount { get; set; }

    /// <summary>Amount due in minor units.</summary>
    public long? TotalAmount { get; set; }

    public string? CustomerId { get; set; }

    public DateTimeOffset? SourceCreatedAt { get; set; }

    /// <summary>The source's own update time of the state stored here; an older update never replaces it.</summary>
    public DateTimeOffset SourceUpdatedAt { get; set; }

    /// <summary>The inbox event id whose payload was applied last.</summary>
    public required string LastEventId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<OrderLineItem> LineItems { get; set; } = [];
}
