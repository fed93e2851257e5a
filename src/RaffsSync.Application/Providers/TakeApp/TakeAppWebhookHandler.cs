using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using RaffsSync.Application.Webhooks;

namespace RaffsSync.Application.Providers.TakeApp;

/// <summary>
/// Take App orders: one event per delivery, id from the <c>webhook-id</c> header, type from the body's
/// <c>/type</c> (such as <c>order.created</c>).
/// </summary>
public sealed class TakeAppWebhookHandler(IValidator<TakeAppPayload> validator)
    : JsonWebhookHandler<TakeAppPayload>(validator)
{
    public const string Code = "takeapp";

    public override string Provider => Code;

    protected override JsonTypeInfo<TakeAppPayload> PayloadTypeInfo => ProviderJsonContext.Default.TakeAppPayload;

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
