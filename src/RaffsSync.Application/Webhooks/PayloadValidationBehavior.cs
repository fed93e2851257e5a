using Mediator;

namespace RaffsSync.Application.Webhooks;

/// <summary>
/// Second step: the provider's handler reads and validates the payload (400 naming the field) and may refuse a
/// tenant (403). Runs after verification so an unauthenticated caller learns nothing about payload validity.
/// </summary>
public sealed class PayloadValidationBehavior : IPipelineBehavior<ReceiveWebhookCommand, WebhookResult>
{
    public ValueTask<WebhookResult> Handle(
        ReceiveWebhookCommand message,
        MessageHandlerDelegate<ReceiveWebhookCommand, WebhookResult> next,
        CancellationToken cancellationToken
    )
    {
        var read = message.Provider.Handler.ReadEvents(message);
        if (read.Rejection is { } rejection)
        {
            return ValueTask.FromResult(rejection);
        }

        message.Events = read.Events;
        return next(message, cancellationToken);
    }
}
