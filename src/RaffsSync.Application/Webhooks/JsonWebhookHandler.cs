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

        var parsed = PayloadJson.Parse(command.Body, out var document);
        if (parsed is not null)
        {
            return parsed;
        }

        TPayload? payload;
        using (document)
        {
            if (document!.RootElement.ValueKind != JsonValueKind.Object)
            {
                return PayloadReadResult.Invalid("$", "The body must be a JSON object.");
            }

            try
            {
                payload = document.RootElement.Deserialize(PayloadTypeInfo);
            }
            catch (JsonException exception)
            {
                return PayloadJson.Invalid(exception);
            }
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
    /// Parses a body into a document, or returns the 400 that rejects it: invalid UTF-8 (which the parser does
    /// not check inside strings it skips), invalid JSON, a duplicate key at any depth, or nesting past 64 levels.
    /// A syntax error is reported by position only, because its JSON path could name a key the sender made up.
    /// </summary>
    public static PayloadReadResult? Parse(ReadOnlyMemory<byte> body, out JsonDocument? document)
    {
        document = null;
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            return PayloadReadResult.Invalid("$", "The body is not valid UTF-8.");
        }

        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
            return null;
        }
        catch (JsonException exception)
        {
            return PayloadReadResult.Invalid("$", $"The body is not valid JSON{Position(exception)}.");
        }
    }

    /// <summary>
    /// Turns a failure to convert a parsed document into a payload type into a 400. The JSON path names a field
    /// of the payload type, never the content.
    /// </summary>
    public static PayloadReadResult Invalid(JsonException exception)
    {
        var path = string.IsNullOrEmpty(exception.Path) ? "$" : exception.Path;
        return PayloadReadResult.Invalid(path, "The value has the wrong type or is out of range.");
    }

    private static string Position(JsonException exception) =>
        exception.LineNumber is { } line
            ? FormattableString.Invariant($" (line {line + 1}, byte {exception.BytePositionInLine + 1})")
            : string.Empty;
}
