using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using RaffsSync.Application.Configuration;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Webhooks;

/// <summary>
/// Reads an event's id and type as configured: a header first, then a JSON pointer into the body; an id
/// falls back to the SHA-256 of the body, a type to the topic tail, then <c>unknown</c>.
/// </summary>
public static class EventIdentity
{
    public const string UnknownType = "unknown";

    /// <summary>Reads the event id, or returns a field error when the configured value is unusable.</summary>
    public static FieldError? TryReadId(
        ReceiveWebhookCommand command,
        JsonElement? body,
        out string eventId,
        out bool derived
    )
    {
        derived = false;
        var selector = command.Provider.EventId;
        var value = Read(command, selector, body, out var field);
        if (value is null)
        {
            eventId = HashHex(command.Body.Span);
            derived = true;
            return null;
        }

        eventId = value;
        return Check(field, value, InboxLimits.EventIdMaxLength);
    }

    /// <summary>Reads the event type, or returns a field error when the configured value is unusable.</summary>
    public static FieldError? TryReadType(ReceiveWebhookCommand command, JsonElement? body, out string eventType)
    {
        var value = Read(command, command.Provider.EventType, body, out var field);
        eventType = value ?? command.Topic ?? UnknownType;
        return value is null ? null : Check(field, value, InboxLimits.EventTypeMaxLength);
    }

    /// <summary>Hashes bytes to lower-case hex SHA-256, the derived id of a body without one.</summary>
    public static string HashHex(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, digest);
        return Convert.ToHexStringLower(digest);
    }

    private static string? Read(
        ReceiveWebhookCommand command,
        EventSelectorOptions selector,
        JsonElement? body,
        out string field
    )
    {
        field = string.Empty;
        if (selector.Header is { Length: > 0 } header && command.Headers.TryGetValue(header, out var values))
        {
            field = header;
            return values.Count == 1 ? values[0] ?? string.Empty : string.Empty;
        }

        if (selector.JsonPointer is { Length: > 0 } pointer && body is { } root)
        {
            var element = JsonPointer.Find(root, pointer);
            if (element is { } found)
            {
                field = pointer;
                return found.ValueKind switch
                {
                    JsonValueKind.String => found.GetString() ?? string.Empty,
                    JsonValueKind.Number => found.GetRawText(),
                    _ => string.Empty,
                };
            }
        }

        return null;
    }

    private static FieldError? Check(string field, string value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new FieldError(field, "The value must be a non-empty string or number.");
        }

        if (value.Length > maxLength)
        {
            var message = string.Create(
                CultureInfo.InvariantCulture,
                $"The value is longer than {maxLength} characters."
            );
            return new FieldError(field, message);
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return new FieldError(field, "The value contains control characters.");
            }
        }

        return null;
    }
}

/// <summary>
/// RFC 6901 JSON pointers over a parsed document.
/// </summary>
public static class JsonPointer
{
    /// <summary>Finds the element a pointer such as <c>/data/id</c> names, or null when there is none.</summary>
    public static JsonElement? Find(JsonElement root, string path)
    {
        if (path.Length == 0)
        {
            return root;
        }

        if (path[0] != '/')
        {
            return null;
        }

        var current = root;
        foreach (var rawToken in path[1..].Split('/'))
        {
            var token = rawToken
                .Replace("~1", "/", StringComparison.Ordinal)
                .Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var child))
            {
                current = child;
                continue;
            }

            var isIndex = int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index);
            if (current.ValueKind == JsonValueKind.Array && isIndex && index < current.GetArrayLength())
            {
                current = current[index];
                continue;
            }

            return null;
        }

        return current;
    }
}
