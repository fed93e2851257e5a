using Mediator;

namespace RaffsSync.Application.Webhooks;

/// <summary>
/// End of the pipeline: hands the stored events to the provider's <see cref="WebhookHandler"/>.
/// </summary>
public sealed class ReceiveWebhookCommandHandler : IRequestHandler<ReceiveWebhookCommand, WebhookResult>
{
    public ValueTask<WebhookResult> Handle(ReceiveWebhookCommand request, CancellationToken cancellationToken) =>
        request.Provider.Handler.AcceptAsync(request, request.AcceptedEvents, cancellationToken);
}
