using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;

namespace RaffsSync.Application.Webhooks;

/// <summary>
/// A handler for a provider that sends one JSON document: deserializes it into <typeparamref name="TPayload"/>
/// with source-generated metadata, validates it with FluentValidation, then maps it to events.
/// </summary>
public abstract class JsonWebhookHandler<TPayload>(IValidator<TPayload> validator) : WebhookHandler
    where TPayload : class
{
    protected abstract JsonTypeInfo<TPayload> PayloadTypeInfo { get; }

    public sealed override PayloadReadResult ReadEvents(ReceiveWebhookCommand command)
    {
        if (command.Body.IsEmpty)
        {
            return PayloadReadResult.Invalid("$", "The body is empty.");
        }

        if (PayloadJson.CheckUtf8(command.Body.Span) is { } invalidText)
        {
            return invalidText;
        }

        TPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(command.Body.Span, PayloadTypeInfo);
        }
        catch (JsonException exception)
        {
            return PayloadJson.Invalid(exception);
        }

        if (payload is null)
        {
            return PayloadReadResult.Invalid("$", "The body must be a JSON object, not null.");
        }

        var validation = validator.Validate(payload);
        if (!validation.IsValid)
        {
            var errors = validation.Errors.Select(error => new FieldError(error.PropertyName, error.ErrorMessage));
            return PayloadReadResult.Invalid(errors.ToList());
        }

        return ReadEvents(command, payload);
    }

    /// <summary>Maps a valid payload to the delivery's events.</summary>
    protected abstract PayloadReadResult ReadEvents(ReceiveWebhookCommand command, TPayload payload);
}

/// <summary>
/// JSON reading rules shared by the handlers.
/// </summary>
public static class PayloadJson
{
    /// <summary>
    /// Options for payloads: duplicate keys are rejected because two readers could pick different values, and
    /// nesting is capped at 64 levels (the serializer's default) so a deeply nested body fails fast.
    /// </summary>
    public static JsonSerializerOptions Options { get; } =
        new()
        {
            AllowDuplicateProperties = false,
            MaxDepth = 64,
            PropertyNameCaseInsensitive = false,
        };

    public static JsonDocumentOptions DocumentOptions { get; } =
        new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>
    /// Returns a 400 result when the body is not valid UTF-8, which JSON requires. The parser does not check the
    /// contents of strings it skips, so this check keeps a later string read from failing with a 500.
    /// </summary>
    public static PayloadReadResult? CheckUtf8(ReadOnlySpan<byte> body) =>
        System.Text.Unicode.Utf8.IsValid(body) ? null : PayloadReadResult.Invalid("$", "The body is not valid UTF-8.");

    /// <summary>Turns a parse failure into a 400 naming the JSON path and position, never the content.</summary>
    public static PayloadReadResult Invalid(JsonException exception)
    {
        var path = string.IsNullOrEmpty(exception.Path) ? "$" : exception.Path;
        var position = exception.LineNumber is { } line
            ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})"
            : string.Empty;
        return PayloadReadResult.Invalid(path, $"The body is not valid JSON or a value has the wrong type{position}.");
    }
}
