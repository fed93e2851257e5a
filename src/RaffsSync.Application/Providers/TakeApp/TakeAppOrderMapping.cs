using RaffsSync.Application.Records;
using RaffsSync.Domain.Orders;

namespace RaffsSync.Application.Providers.TakeApp;

/// <summary>
/// Maps a Take App order event to an order update. Money is already in minor units. Of the customer only the id
/// is read: names and phone numbers stay in the inbox payload.
/// </summary>
internal static class TakeAppOrderMapping
{
    public static OrderUpdate ToOrderUpdate(TakeAppPayload payload, string eventId)
    {
        var order = payload.Data ?? throw PayloadFields.Invalid("data", "is missing");

        return new OrderUpdate
        {
            Source = TakeAppWebhookHandler.Code,
            ExternalId = PayloadFields.Required(order.Id, OrderLimits.ExternalIdMaxLength, "data.id"),
            SourceUpdatedAt = PayloadFields.Required(order.UpdatedAt, "data.updated_at"),
            EventId = eventId,
            Number = PayloadFields.Optional(order.Number, OrderLimits.NumberMaxLength, "data.number"),
            OrderStatus = Status(order.OrderStatus, "data.order_status"),
            PaymentStatus = Status(order.PaymentStatus, "data.payment_status"),
            FulfillmentStatus = Status(order.FulfillmentStatus, "data.fulfillment_status"),
            Currency = PayloadFields.Currency(order.Currency, "data.currency"),
            ItemsAmount = order.ItemsAmount,
            TotalAmount = order.TotalAmount,
            CustomerId = PayloadFields.Optional(
                order.Customer?.Id,
                OrderLimits.CustomerIdMaxLength,
                "data.customer.id"
            ),
            SourceCreatedAt = order.CreatedAt,
            LineItems = order.LineItems?.Select(ToLine).ToList(),
        };
    }

    private static string? Status(string? value, string field) =>
        PayloadFields.Optional(value, OrderLimits.StatusMaxLength, field);

    private static OrderLineUpdate ToLine(TakeAppLineItem line, int index)
    {
        var prefix = $"data.line_items[{index}]";
        return new OrderLineUpdate(
            PayloadFields.Optional(line.Id, OrderLimits.ExternalIdMaxLength, prefix + ".id"),
            PayloadFields.Optional(line.ProductId, OrderLimits.ProductIdMaxLength, prefix + ".product_id"),
            PayloadFields.Optional(line.Name, OrderLimits.LineItemNameMaxLength, prefix + ".name"),
            PayloadFields.Quantity(
                line.Quantity,
                OrderLimits.QuantityPrecision,
                OrderLimits.QuantityScale,
                prefix + ".quantity"
            ),
            line.Price,
            line.TotalAmount
        );
    }
}
