using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using RaffsSync.Application.Processing;
using RaffsSync.Application.Records;
using RaffsSync.Application.Webhooks;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Providers.TakeApp;

/// <summary>
/// Take App orders: one event per delivery, id from the <c>webhook-id</c> header, type from the body's
/// <c>/type</c> (such as <c>order.created</c>). Processing writes <c>order.created</c> and <c>order.updated</c>
/// to the order record; other types are ignored.
/// </summary>
public sealed class TakeAppWebhookHandler(IValidator<TakeAppPayload> validator)
    : JsonWebhookHandler<TakeAppPayload>(validator)
{
    public const string Code = "takeapp";

    private static readonly HashSet<string> OrderTypes = new(StringComparer.Ordinal)
    {
        "order.created",
        "order.updated",
    };

    public override string Provider => Code;

    protected override JsonTypeInfo<TakeAppPayload> PayloadTypeInfo => ProviderJsonContext.Default.TakeAppPayload;

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

        TakeAppPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(inboxEvent.Body, PayloadTypeInfo);
        }
        catch (JsonException exception)
        {
            throw new InvalidEventPayloadException("The stored body is not a valid Take App event.", exception);
        }

        var update = TakeAppOrderMapping.ToOrderUpdate(
            payload ?? throw PayloadFields.Invalid("$", "is null"),
            inboxEvent.EventId
        );
        var writer = context.GetRequiredService<IOrderWriter>();
        var result = await writer.ApplyAsync(update, context.Now, cancellationToken);
        return result == RecordWriteResult.Stale ? InboxEventOutcome.Stale : InboxEventOutcome.Processed;
    }

    protected override PayloadReadResult ReadEvents(ReceiveWebhookCommand command, TakeAppPayload payload)
    {
        var idError = EventIdentity.TryReadId(command, body: null, out var eventId, out var derived);
        if (idError is not null)
        {
            return PayloadReadResult.Invalid([idError]);
        }

        return PayloadReadResult.Success(new WebhookEvent(eventId, derived, payload.Type!, command.Body));
    }
}
