using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RaffsSync.Application.Webhooks;

namespace RaffsSync.Application.Inbox;

/// <summary>
/// Chooses the request headers kept with an event: an allow-list kept as sent, credential headers kept by
/// name with the value replaced, everything else dropped.
/// </summary>
public static class StoredHeaders
{
    public const string RedactedValue = "[REDACTED]";

    /// <summary>Headers worth keeping for every provider: they carry no credential.</summary>
    public static IReadOnlyList<string> DefaultAllowed { get; } =
    [
        "content-type",
        "content-length",
        "user-agent",
        "webhook-id",
        "webhook-timestamp",
        "svix-id",
        "svix-timestamp",
        "timestamp",
        "x-event-id",
        "x-request-id",
    ];

    /// <summary>Credential headers: stored as a marker so operators can see they were sent.</summary>
    public static IReadOnlyList<string> DefaultRedacted { get; } =
    ["authorization", "proxy-authorization", "cookie", "x-callback-token", "x-api-key"];

    /// <summary>True for a header whose value must never be stored or logged.</summary>
    public static bool IsCredential(string name, IReadOnlySet<string> redacted) =>
        redacted.Contains(name)
        || name.Contains("signature", StringComparison.OrdinalIgnoreCase)
        || name.Contains("token", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || name.Contains("hmac", StringComparison.OrdinalIgnoreCase);

    /// <summary>Serializes the kept headers as a JSON object with lower-case names.</summary>
    public static string ToJson(IHeaderDictionary headers, WebhookProvider provider)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, values) in headers)
            {
                var lowerName = name.ToLowerInvariant();
                if (IsCredential(lowerName, provider.RedactedHeaders))
                {
                    writer.WriteString(lowerName, RedactedValue);
                }
                else if (provider.StoredHeaders.Contains(lowerName))
                {
                    writer.WriteString(lowerName, values.ToString());
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
