using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RaffsSync.Tests.Support;

/// <summary>
/// Signs test deliveries the way each sender does, independently of the gateway's verifiers.
/// </summary>
public static class Signer
{
    public const string TakeAppSecret = "whsec_dGFrZWFwcC1maXh0dXJlLXNlY3JldC1vbmUtMzItYnl0ZXMh";
    public const string TakeAppSecondSecret = "whsec_dGFrZWFwcC1maXh0dXJlLXNlY3JldC10d28tMzItYnl0ZXMh";
    public const string ISellerSecret = "ISL-FIXTURE-APIKEY-7f3a9c";
    public const string AccurateToken = "acc-fixture-token-5d1e8b";

    /// <summary>Returns <c>v1,&lt;base64&gt;</c> over <c>{id}.{timestamp}.{body}</c>.</summary>
    public static string StandardWebhooks(string secret, string id, long timestamp, byte[] body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{timestamp}."));
        byte[] content = [.. prefix, .. body];
        var mac = HMACSHA256.HashData(key, content);
        return "v1," + Convert.ToBase64String(mac);
    }

    /// <summary>Returns the HMAC of <paramref name="content"/> keyed by the UTF-8 bytes of the secret.</summary>
    public static byte[] Hmac(HashAlgorithmName algorithm, string secret, string content) =>
        CryptographicOperations.HmacData(algorithm, Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(content));

    /// <summary>Returns lower-case hex HMAC-SHA256, as GitHub sends after <c>sha256=</c>.</summary>
    public static string HmacSha256Hex(string secret, string content) =>
        Convert.ToHexStringLower(Hmac(HashAlgorithmName.SHA256, secret, content));

    /// <summary>Returns a <c>Stripe-Signature</c> value: <c>t=…</c> and one <c>v1=…</c> per secret.</summary>
    public static string Stripe(long timestamp, string body, params string[] secrets)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var signatures = secrets.Select(secret => "v1=" + HmacSha256Hex(secret, $"{t}.{body}"));
        return string.Join(',', [$"t={t}", .. signatures]);
    }

    /// <summary>Returns upper-case hex SHA-256 of <c>secret + body + timestamp</c>.</summary>
    public static string ISeller(string secret, byte[] body, string timestamp)
    {
        byte[] content = [.. Encoding.UTF8.GetBytes(secret), .. body, .. Encoding.UTF8.GetBytes(timestamp)];
        return Convert.ToHexString(SHA256.HashData(content));
    }

    /// <summary>Builds a signed Take App request for <paramref name="body"/> at <paramref name="now"/>.</summary>
    public static HttpRequestMessage TakeAppRequest(
        string id,
        string body,
        DateTimeOffset now,
        string path = "/webhooks/v1/takeapp"
    )
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = now.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhooks(TakeAppSecret, id, timestamp, bytes));
        return request;
    }

    public static string TakeAppOrderBody(string orderId, string updatedAt = "2026-12-04T11:00:00.000Z") =>
        "{\"type\":\"order.created\",\"created_at\":\"2026-12-04T11:00:00.000Z\",\"data\":{\"id\":\""
        + orderId
        + "\",\"number\":\"1\",\"order_status\":\"pending\",\"payment_status\":\"paid\","
        + "\"fulfillment_status\":\"unfulfilled\",\"line_items\":[],\"items_amount\":100,\"total_amount\":100,"
        + "\"currency\":\"SGD\",\"created_at\":\"2026-12-04T11:00:00.000Z\",\"updated_at\":\""
        + updatedAt
        + "\"}}";
}
