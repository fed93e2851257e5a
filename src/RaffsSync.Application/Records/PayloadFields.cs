using System.Globalization;
using System.Text.Json;
using RaffsSync.Application.Processing;

namespace RaffsSync.Application.Records;

/// <summary>
/// Checks of payload values against the record columns they go to. Each failure throws
/// <see cref="InvalidEventPayloadException"/> naming the JSON path and the rule, never the value.
/// </summary>
public static class PayloadFields
{
    /// <summary>Returns <paramref name="value"/> when it fits <paramref name="maxLength"/>; null stays null.</summary>
    public static string? Optional(string? value, int maxLength, string field)
    {
        if (value is not null && value.Length > maxLength)
        {
            throw Invalid(field, $"is longer than {maxLength} characters");
        }

        return value;
    }

    /// <summary>Returns <paramref name="value"/> when it is non-empty and fits <paramref name="maxLength"/>.</summary>
    public static string Required(string? value, int maxLength, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid(field, "is missing or empty");
        }

        return Optional(value, maxLength, field)!;
    }

    public static T Required<T>(T? value, string field)
        where T : struct => value ?? throw Invalid(field, "is missing");

    /// <summary>Returns an ISO 4217 code in upper case, or null when none was sent.</summary>
    public static string? Currency(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length != 3 || !value.All(char.IsAsciiLetter))
        {
            throw Invalid(field, "must be a three-letter ISO 4217 currency code");
        }

        return value.ToUpperInvariant();
    }

    /// <summary>
    /// Returns a quantity that a column with <paramref name="scale"/> decimals and <paramref name="precision"/>
    /// digits stores exactly; null stays null.
    /// </summary>
    public static decimal? Quantity(decimal? value, int precision, int scale, string field)
    {
        if (value is not { } quantity)
        {
            return null;
        }

        var limit = (decimal)Math.Pow(10, precision - scale);
        if (decimal.Round(quantity, scale) != quantity || Math.Abs(quantity) >= limit)
        {
            throw Invalid(field, $"must have at most {precision - scale} digits before and {scale} after the point");
        }

        return quantity;
    }

    /// <summary>Reads an integer property sent as a JSON number or a string of digits; null when absent.</summary>
    public static long? ReadInt64(JsonElement element, string property, string field)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw Invalid(field, "must be an integer");
    }

    /// <summary>Reads a decimal property sent as a JSON number; null when absent.</summary>
    public static decimal? ReadDecimal(JsonElement element, string property, string field)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        throw Invalid(field, "must be a number");
    }

    /// <summary>Reads a string property; null when absent.</summary>
    public static string? ReadString(JsonElement element, string property, string field)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Invalid(field, "must be a string");
    }

    public static InvalidEventPayloadException Invalid(string field, string rule) => new($"{field} {rule}.");
}
