using Mediator;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Inbox;
using RaffsSync.Application.Processing;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Webhooks;

/// <summary>
/// Third step: stores the events in the inbox, skipping (provider, event id) pairs it already has. The rest of the
/// pipeline runs only when at least one event is new; otherwise the response is 409 (or the provider's duplicate
/// status) with <c>duplicate</c> or <c>payload_mismatch</c>. A provider set to inline processing stores and
/// processes its events in one transaction instead, and a handler failure there returns 500 with nothing stored.
/// </summary>
public sealed class IdempotencyBehavior(IInboxWriter inboxWriter, InlineProcessor inlineProcessor)
    : IPipelineBehavior<ReceiveWebhookCommand, WebhookResult>
{
    public async ValueTask<WebhookResult> Handle(
        ReceiveWebhookCommand message,
        MessageHandlerDelegate<ReceiveWebhookCommand, WebhookResult> next,
        CancellationToken cancellationToken
    )
    {
        var events = InboxEventFactory.Create(message);

        IReadOnlyList<InboxInsertOutcome> outcomes;
        if (message.Provider.Processing == ProcessingMode.Inline)
        {
            var inline = await inlineProcessor.StoreAndProcessAsync(message.Provider, events, cancellationToken);
            if (inline.Failure is { } failure)
            {
                return failure;
            }

            outcomes = inline.Outcomes;
        }
        else
        {
            outcomes = await inboxWriter.InsertAsync(events, cancellationToken);
        }

        var accepted = new List<InboxEvent>(events.Count);
        var anyMismatch = false;
        for (var i = 0; i < events.Count; i++)
        {
            if (outcomes[i] == InboxInsertOutcome.Inserted)
            {
                accepted.Add(events[i]);
            }

            anyMismatch |= outcomes[i] == InboxInsertOutcome.PayloadMismatch;
        }

        if (accepted.Count == 0)
        {
            var reason = anyMismatch ? DuplicateReasons.PayloadMismatch : DuplicateReasons.Duplicate;
            return WebhookResult.Duplicate(
                message.Provider.DuplicateStatus,
                reason,
                events[0].EventId,
                events[0].EventType
            );
        }

        message.AcceptedEvents = accepted;
        return await next(message, cancellationToken);
    }
}
