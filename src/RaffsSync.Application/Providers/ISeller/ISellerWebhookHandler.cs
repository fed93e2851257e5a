using System.Text.Json;
using FluentValidation;
using RaffsSync.Application.Processing;
using RaffsSync.Application.Records;
using RaffsSync.Application.Webhooks;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Providers.ISeller;

/// <summary>
/// iSeller: one event per delivery, typed by the topic tail (<c>order</c>, <c>fulfillment</c>, <c>refund</c>,
/// <c>member</c>, <c>payout</c>) or, without one, by the body. The id is the <c>X-Event-Id</c> header when sent,
/// else the body's SHA-256, so a retry with a fresh timestamp is still a duplicate. Processing writes
/// <c>order</c>, <c>fulfillment</c> and <c>refund</c> events to the order record; other types are ignored.
/// </summary>
public sealed class ISellerWebhookHandler(IValidator<ISellerPayload> validator) : WebhookHandler
{
    public const string Code = "iseller";

    private static readonly HashSet<string> OrderTypes = new(StringComparer.Ordinal)
    {
        "order",
        "fulfillment",
        "refund",
    };

    public override string Provider => Code;

    public override async ValueTask<InboxEventOutcome> ProcessAsync(
        InboxEvent inboxEvent,
        ProcessingContext context,
        CancellationToken cancellationToken
    )
    {
        if (!OrderTypes.Contains(inboxEvent.EventType))
        {
            return InboxEventOutcome.Ignored;
        }

        ISellerPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(inboxEvent.Body, ProviderJsonContext.Default.ISellerPayload);
        }
        catch (JsonException exception)
        {
            throw new InvalidEventPayloadException("The stored body is not a valid iSeller order.", exception);
        }

        var update = ISellerOrderMapping.ToOrderUpdate(
            payload ?? throw PayloadFields.Invalid("$", "is null"),
            inboxEvent.EventId
        );
        var writer = context.GetRequiredService<IOrderWriter>();
        var result = await writer.ApplyAsync(update, context.Now, cancellationToken);
        return result == RecordWriteResult.Stale ? InboxEventOutcome.Stale : InboxEventOutcome.Processed;
    }

    public override PayloadReadResult ReadEvents(ReceiveWebhookCommand command)
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

        using (document)
        {
            return ReadEvent(command, document!.RootElement);
        }
    }

    private PayloadReadResult ReadEvent(ReceiveWebhookCommand command, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return PayloadReadResult.Invalid("$", "The body must be a JSON object.");
        }

        var typeError = EventIdentity.TryReadType(command, root, out var eventType);
        if (typeError is not null)
        {
            return PayloadReadResult.Invalid([typeError]);
        }

        if (eventType == EventIdentity.UnknownType && root.TryGetProperty("order_id", out _))
        {
            eventType = "order";
        }

        if (OrderTypes.Contains(eventType))
        {
            ISellerPayload? payload;
            try
            {
                payload = root.Deserialize(ProviderJsonContext.Default.ISellerPayload);
            }
            catch (JsonException exception)
            {
                return PayloadJson.Invalid(exception);
            }

            var validation = validator.Validate(payload!);
            if (!validation.IsValid)
            {
                var errors = validation.Errors.Select(error => new FieldError(error.PropertyName, error.ErrorMessage));
                return PayloadReadResult.Invalid(errors.ToList());
            }
        }

        var idError = EventIdentity.TryReadId(command, root, out var eventId, out var derived);
        if (idError is not null)
        {
            return PayloadReadResult.Invalid([idError]);
        }

        return PayloadReadResult.Success(new WebhookEvent(eventId, derived, eventType, command.Body));
    }
}
