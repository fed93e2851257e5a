using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RaffsSync.Bench.Deliveries;

/// <summary>
/// Signed Take App deliveries for load tests: one order body of about 1 KB, shared by every delivery, and a unique
/// <c>webhook-id</c> per delivery with its Standard Webhooks signature, all signed at one instant.
/// </summary>
/// <remarks>
/// A raw request is <see cref="RequestHead"/> + event id + <see cref="SignatureSeparator"/> + signature +
/// <see cref="RequestTail"/>. The wrk script joins the same pieces, so only the id and signature vary per request.
/// </remarks>
internal sealed class TakeAppDeliveries
{
    public const string Path = "/webhooks/v1/takeapp";

    /// <summary>The secret of the gateway's fixture settings for <c>takeapp</c> (appsettings.Fixtures.json).</summary>
    public const string FixtureSecret = "whsec_dGFrZWFwcC1maXh0dXJlLXNlY3JldC1vbmUtMzItYnl0ZXMh";

    public const string SignatureSeparator = "\r\nwebhook-signature: v1,";

    private readonly byte[] key;
    private readonly byte[] signedPrefixTail;
    private readonly string idPrefix;

    public TakeAppDeliveries(string secret, DateTimeOffset signedAt, string host, string runId)
    {
        key = Convert.FromBase64String(secret["whsec_".Length..]);
        Timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        signedPrefixTail = Encoding.ASCII.GetBytes("." + Timestamp + ".");
        idPrefix = "msg_" + runId + "_";

        RequestHead =
            $"POST {Path} HTTP/1.1\r\n"
            + $"Host: {host}\r\n"
            + "Content-Type: application/json\r\n"
            + $"Content-Length: {Body.Length.ToString(CultureInfo.InvariantCulture)}\r\n"
            + $"webhook-timestamp: {Timestamp}\r\n"
            + "webhook-id: ";
        RequestTail = "\r\n\r\n" + Encoding.UTF8.GetString(Body);
    }

    /// <summary>An <c>order.created</c> envelope with three line items, 1 KB as UTF-8 (ASCII only).</summary>
    public static byte[] Body { get; } = Encoding.ASCII.GetBytes(BuildBody());

    /// <summary>Unix seconds of the signing instant; the gateway accepts it for 300 s either way.</summary>
    public string Timestamp { get; }

    /// <summary>The request line and headers up to the value of <c>webhook-id</c>.</summary>
    public string RequestHead { get; }

    /// <summary>The end of the headers and the body.</summary>
    public string RequestTail { get; }

    public string EventId(long index) => idPrefix + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Returns the base64 HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c>, without the <c>v1,</c> prefix.</summary>
    public string Sign(string eventId)
    {
        var id = Encoding.UTF8.GetBytes(eventId);
        var content = new byte[id.Length + signedPrefixTail.Length + Body.Length];
        id.CopyTo(content, 0);
        signedPrefixTail.CopyTo(content, id.Length);
        Body.CopyTo(content, id.Length + signedPrefixTail.Length);
        return Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    /// <summary>Returns the exact request text that the wrk script sends for delivery <paramref name="index"/>.</summary>
    public string RawRequest(long index)
    {
        var eventId = EventId(index);
        return RequestHead + eventId + SignatureSeparator + Sign(eventId) + RequestTail;
    }

    /// <summary>
    /// Writes one pool file per wrk thread, <c>{prefix}-{thread}.txt</c>, with <paramref name="perThread"/> lines of
    /// <c>{event id}\t{signature}</c>. Thread t gets deliveries t, t + threads, t + 2 × threads, and so on.
    /// </summary>
    public void WritePools(string prefix, int threads, long perThread)
    {
        Parallel.For(0, threads, thread =>
        {
            using var writer = new StreamWriter($"{prefix}-{thread}.txt", append: false, Encoding.ASCII);
            for (long line = 0; line < perThread; line++)
            {
                var eventId = EventId((line * threads) + thread);
                writer.Write(eventId);
                writer.Write('\t');
                writer.Write(Sign(eventId));
                writer.Write('\n');
            }
        });
    }

    private static string BuildBody()
    {
        var lineItems = string.Join(
            ",",
            Enumerable
                .Range(1, 3)
                .Select(item =>
                    "{\"id\":\"li_0000000"
                    + item
                    + "\",\"product_id\":\"prod_00000"
                    + item
                    + "\","
                    + "\"name\":\"Kopi susu gula aren, large, less ice, oat milk\","
                    + "\"quantity\":2,\"price\":3500,\"total_amount\":7000,\"note\":\"Extra shot; no straw\"}"
                )
        );
        var body =
            "{\"type\":\"order.created\",\"created_at\":\"2026-12-04T11:00:00.000Z\",\"data\":{"
            + "\"id\":\"ord_9f8e7d6c5b4a3921\",\"number\":\"10234\",\"order_status\":\"pending\","
            + "\"payment_status\":\"paid\",\"fulfillment_status\":\"unfulfilled\","
            + "\"customer\":{\"id\":\"cus_4c3b2a1908f7e6d5\"},"
            + "\"line_items\":["
            + lineItems
            + "],\"items_amount\":21000,\"total_amount\":21000,\"currency\":\"SGD\","
            + "\"created_at\":\"2026-12-04T11:00:00.000Z\",\"updated_at\":\"2026-12-04T11:00:00.000Z\"}}";

        // Pads to exactly 1024 bytes with an extra field that the gateway ignores.
        const int Size = 1024;
        var padding = Size - body.Length - ",\"remarks\":\"\"".Length;
        return body[..^2] + ",\"remarks\":\"" + new string('x', padding) + "\"}}";
    }
}
