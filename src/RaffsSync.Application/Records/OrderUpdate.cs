using RaffsSync.Domain.Orders;

namespace RaffsSync.Application.Records;

/// <summary>
/// An order as one source event describes it. A null field was not sent and leaves the stored value unchanged.
/// A null <see cref="LineItems"/> leaves the stored lines unchanged, and an empty list removes them.
/// </summary>
public sealed class OrderUpdate
{
    public required string Source { get; init; }

    public required string ExternalId { get; init; }

    /// <summary>The source's own update time, which decides between this update and the stored state.</summary>
    public required DateTimeOffset SourceUpdatedAt { get; init; }

    /// <summary>The inbox event id the update comes from.</summary>
    public required string EventId { get; init; }

    public string? Number { get; init; }

    public string? OrderStatus { get; init; }

    public string? PaymentStatus { get; init; }

    public string? FulfillmentStatus { get; init; }

    public string? Currency { get; init; }

    public long? ItemsAmount { get; init; }

    public long? TotalAmount { get; init; }

    public string? CustomerId { get; init; }

    public DateTimeOffset? SourceCreatedAt { get; init; }

    public IReadOnlyList<OrderLineUpdate>? LineItems { get; init; }

    /// <summary>
    /// True when <paramref name="order"/> has a newer source update. An equal time is not older, so a redelivered
    /// or replayed event applies again and writes the same values.
    /// </summary>
    public bool IsOlderThan(Order order) => SourceUpdatedAt < order.SourceUpdatedAt;

    /// <summary>Copies the sent fields onto <paramref name="order"/>, replacing its lines when they differ.</summary>
    public void ApplyTo(Order order, DateTimeOffset now)
    {
        order.Number = Number ?? order.Number;
        order.OrderStatus = OrderStatus ?? order.OrderStatus;
        order.PaymentStatus = PaymentStatus ?? order.PaymentStatus;
        order.FulfillmentStatus = FulfillmentStatus ?? order.FulfillmentStatus;
        order.Currency = Currency ?? order.Currency;
        order.ItemsAmount = ItemsAmount ?? order.ItemsAmount;
        order.TotalAmount = TotalAmount ?? order.TotalAmount;
        order.CustomerId = CustomerId ?? order.CustomerId;
        // Senders write local offsets such as +07:00; PostgreSQL's timestamptz takes UTC only, and the instant is the same.
        order.SourceCreatedAt = SourceCreatedAt?.ToUniversalTime() ?? order.SourceCreatedAt;
        order.SourceUpdatedAt = SourceUpdatedAt.ToUniversalTime();
        order.LastEventId = EventId;
        order.UpdatedAt = now;

        if (LineItems is not null && !HasSameLines(order.LineItems))
        {
            ReplaceLines(order, now);
        }
    }

    private bool HasSameLines(List<OrderLineItem> stored)
    {
        if (stored.Count != LineItems!.Count)
        {
            return false;
        }

        var ordered = stored.OrderBy(line => line.Position).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (!LineItems[i].Matches(ordered[i]))
            {
                return false;
            }
        }

        return true;
    }

    private void ReplaceLines(Order order, DateTimeOffset now)
    {
        order.LineItems.Clear();
        for (var i = 0; i < LineItems!.Count; i++)
        {
            var line = LineItems[i];
            order.LineItems.Add(
                new OrderLineItem
                {
                    Id = Guid.CreateVersion7(now),
                    OrderId = order.Id,
                    Position = i,
                    ExternalId = line.ExternalId,
                    ProductId = line.ProductId,
                    Name = line.Name,
                    Quantity = line.Quantity,
                    UnitPrice = line.UnitPrice,
                    TotalAmount = line.TotalAmount,
                }
            );
        }
    }
}

/// <summary>One order line as the source sent it; money in the order currency's minor units.</summary>
public sealed record OrderLineUpdate(
    string? ExternalId,
    string? ProductId,
    string? Name,
    decimal? Quantity,
    long? UnitPrice,
    long? TotalAmount
)
{
    public bool Matches(OrderLineItem stored) =>
        ExternalId == stored.ExternalId
        && ProductId == stored.ProductId
        && Name == stored.Name
        && Quantity == stored.Quantity
        && UnitPrice == stored.UnitPrice
        && TotalAmount == stored.TotalAmount;
}
