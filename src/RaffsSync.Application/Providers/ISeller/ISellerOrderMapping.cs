using RaffsSync.Application.Records;
using RaffsSync.Domain.Orders;

namespace RaffsSync.Application.Providers.ISeller;

/// <summary>
/// Maps an iSeller order, fulfillment or refund event to an order update keyed by <c>order_id</c>. iSeller sends
/// amounts in major units, so <c>total_amount</c> is converted to the currency's minor units; it needs
/// <c>currency</c> in the same payload. Fields the event leaves out keep their stored values.
/// </summary>
internal static class ISellerOrderMapping
{
    public static OrderUpdate ToOrderUpdate(ISellerPayload payload, string eventId)
    {
        var currency = PayloadFields.Currency(payload.Currency, "currency");
        long? totalAmount = null;
        if (payload.TotalAmount is { } amount)
        {
            var amountCurrency = currency ?? throw PayloadFields.Invalid("currency", "is required with total_amount");
            totalAmount = CurrencyMinorUnits.ToMinorUnits(amount, amountCurrency, "total_amount");
        }

        return new OrderUpdate
        {
            Source = ISellerWebhookHandler.Code,
            ExternalId = PayloadFields.Required(payload.OrderId, OrderLimits.ExternalIdMaxLength, "order_id"),
            SourceUpdatedAt = PayloadFields.Required(payload.UpdatedAt, "updated_at"),
            EventId = eventId,
            Number = PayloadFields.Optional(payload.OrderReference, OrderLimits.NumberMaxLength, "order_reference"),
            OrderStatus = PayloadFields.Optional(payload.Status, OrderLimits.StatusMaxLength, "status"),
            PaymentStatus = PayloadFields.Optional(
                payload.PaymentStatus,
                OrderLimits.StatusMaxLength,
                "payment_status"
            ),
            FulfillmentStatus = PayloadFields.Optional(
                payload.FulfillmentStatus,
                OrderLimits.StatusMaxLength,
                "fulfillment_status"
            ),
            Currency = currency,
            TotalAmount = totalAmount,
        };
    }
}
