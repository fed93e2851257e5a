using System.Text.Json.Serialization;

namespace RaffsSync.Application.Providers.TakeApp;

/// <summary>A Take App event envelope: <c>{type, created_at, data}</c>.</summary>
public sealed class TakeAppPayload
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("data")]
    public TakeAppOrder? Data { get; init; }
}

/// <summary>The order fields the gateway reads. Money is in minor units; customer details beyond the id are not read.</summary>
public sealed class TakeAppOrder
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("number")]
    public string? Number { get; init; }

    [JsonPropertyName("order_status")]
    public string? OrderStatus { get; init; }

    [JsonPropertyName("payment_status")]
    public string? PaymentStatus { get; init; }

    [JsonPropertyName("fulfillment_status")]
    public string? FulfillmentStatus { get; init; }

    [JsonPropertyName("customer")]
    public TakeAppCustomer? Customer { get; init; }

    [JsonPropertyName("line_items")]
    public List<TakeAppLineItem>? LineItems { get; init; }

    [JsonPropertyName("items_amount")]
    public long? ItemsAmount { get; init; }

    [JsonPropertyName("total_amount")]
    public long? TotalAmount { get; init; }

    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("updated_at")]
    public DateTimeOffset? UpdatedAt { get; init; }
}

public sealed class TakeAppCustomer
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }
}

public sealed class TakeAppLineItem
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("product_id")]
    public string? ProductId { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("quantity")]
    public decimal? Quantity { get; init; }

    [JsonPropertyName("price")]
    public long? Price { get; init; }

    [JsonPropertyName("total_amount")]
    public long? TotalAmount { get; init; }
}
