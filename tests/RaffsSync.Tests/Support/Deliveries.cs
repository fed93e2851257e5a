using System.Globalization;
using System.Text;

namespace RaffsSync.Tests.Support;

/// <summary>Builds deliveries for processing tests, signed or authorized as each provider expects.</summary>
public static class Deliveries
{
    /// <summary>A Take App order event with the given type, status and update time.</summary>
    public static string TakeAppOrder(
        string type,
        string orderId,
        string orderStatus,
        DateTimeOffset updatedAt,
        string number = "1042"
    )
    {
        var updated = updatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return $$"""
            {"type":"{{type}}","created_at":"{{updated}}","data":{"id":"{{orderId}}","number":"{{number}}",
            "order_status":"{{orderStatus}}","payment_status":"paid","fulfillment_status":"unfulfilled",
            "customer":{"id":"cus_1","name":"Test Customer","phone":"6500000001"},
            "line_items":[{"id":"oli_1","product_id":"prod_1","name":"Nasi Lemak","quantity":2,"price":650,"total_amount":1300}],
            "items_amount":1300,"total_amount":1300,"currency":"SGD",
            "created_at":"2026-12-04T11:00:00.000Z","updated_at":"{{updated}}"} }
            """;
    }

    /// <summary>An Accurate delivery of the given envelopes, authorized with the fixture token.</summary>
    public static HttpRequestMessage AccurateRequest(params string[] envelopes)
    {
        var body = "[" + string.Join(",", envelopes) + "]";
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/v1/accurate?token=" + Signer.AccurateToken)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return request;
    }

    /// <summary>One Accurate envelope; <paramref name="timestamp"/> is in Accurate's UTC+7 format.</summary>
    public static string AccurateEnvelope(string type, string uuid, string timestamp, string data) =>
        $$"""{"databaseId":101,"type":"{{type}}","timestamp":"{{timestamp}}","uuid":"{{uuid}}","data":[{{data}}]}""";
}
