using System.Text.Json.Serialization;

namespace RaffsSync.Application.Providers.ISeller;

/// <summary>An iSeller order notification; refunds and fulfillments carry the same order object.</summary>
public sealed class ISellerPayload
{
    [JsonPropertyName("order_id")]
    public string? OrderId { get; init; }

    [JsonPropertyName("order_reference")]
    public string? OrderReference { get; init; }

    [JsonPropertyName("channel")]
    public string? Channel { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("payment_status")]
    public string? PaymentStatus { get; init; }

    [JsonPropertyName("fulfillment_status")]
    public string? FulfillmentStatus { get; init; }

    [JsonPropertyName("total_amount")]
    public decimal? TotalAmount { get; init; }

    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    [JsonPropertyName("updated_at")]
    public DateTimeOffset? UpdatedAt { get; init; }
}
