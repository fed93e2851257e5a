using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RaffsSync.Application.Providers.Accurate;

/// <summary>
/// One Accurate Online notification. A delivery is a JSON array of these; <c>data</c> carries ids only, except
/// for <c>ITEM_QUANTITY</c> which carries quantities.
/// </summary>
public sealed class AccurateEnvelope
{
    /// <summary>Accurate's timestamp format, in UTC+7 (Western Indonesia Time).</summary>
    public const string TimestampFormat = "dd/MM/yyyy HH:mm:ss";

    public static readonly TimeSpan TimestampOffset = TimeSpan.FromHours(7);

    [JsonPropertyName("databaseId")]
    public long? DatabaseId { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    [JsonPropertyName("uuid")]
    public string? Uuid { get; init; }

    [JsonPropertyName("data")]
    public JsonElement Data { get; init; }

    /// <summary>Reads a timestamp in <see cref="TimestampFormat"/> at UTC+7 as an instant; false when malformed.</summary>
    public static bool TryParseTimestamp(string? value, out DateTimeOffset instant)
    {
        instant = default;
        if (
            !DateTime.TryParseExact(
                value,
                TimestampFormat,
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var local
            )
        )
        {
            return false;
        }

        instant = new DateTimeOffset(local, TimestampOffset).ToUniversalTime();
        return true;
    }
}
