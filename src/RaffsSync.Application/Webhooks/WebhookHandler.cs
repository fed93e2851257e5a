using RaffsSync.Application.Processing;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Webhooks;

/// <summary>
/// A provider's own code, the extension point of the gateway: it reads the events out of a verified delivery
/// and decides what accepting them means. Register a subclass whose <see cref="Provider"/> names a configured
/// provider code; providers without one get <see cref="Providers.Generic.GenericWebhookHandler"/>.
/// </summary>
public abstract class WebhookHandler
{
    /// <summary>The provider code served, such as <c>takeapp</c>.</summary>
    public abstract string Provider { get; }

    /// <summary>
    /// Reads the events of a verified delivery, or returns why the payload is invalid (400) or not allowed (403).
    /// Runs in the validation step, before anything is stored.
    /// </summary>
    public abstract PayloadReadResult ReadEvents(ReceiveWebhookCommand command);

    /// <summary>
    /// Checks provider settings this handler depends on at start-up; throws
    /// <see cref="Configuration.ProviderConfigurationException"/> naming the setting.
    /// </summary>
    public virtual void ValidateSettings(string provider, Configuration.ProviderOptions options) { }

    /// <summary>
    /// Runs after the events are stored and before the response. The default returns 202, because workers process
    /// the stored events later, or 200 when the provider processes inline and the events are processed already.
    /// </summary>
    public virtual ValueTask<WebhookResult> AcceptAsync(
        ReceiveWebhookCommand command,
        IReadOnlyList<InboxEvent> acceptedEvents,
        CancellationToken cancellationToken
    )
    {
        var first = acceptedEvents[0];
        var result =
            command.Provider.Processing == Configuration.ProcessingMode.Inline
                ? WebhookResult.Processed(first.ReceiptId, first.EventId, first.EventType, acceptedEvents.Count)
                : WebhookResult.Queued(first.ReceiptId, first.EventId, first.EventType, acceptedEvents.Count);
        return ValueTask.FromResult(result);
    }

    /// <summary>
    /// Turns a stored event into RaffsSync records through the writers in <paramref name="context"/>, and returns
    /// the outcome to store with it. The default marks every event <see cref="InboxEventOutcome.Ignored"/>.
    /// </summary>
    /// <remarks>
    /// Runs inside a database transaction that also marks the event processed, so a failure leaves no records
    /// behind. An exception schedules a retry, and an <see cref="InvalidEventPayloadException"/> dead-letters the
    /// event at once. A retry, a replay or a second worker after an expired lease can run the same event again,
    /// so the method must be idempotent. It must compare the source's own update time, not arrival order, so
    /// that an older update never overwrites a newer one.
    /// </remarks>
    public virtual ValueTask<InboxEventOutcome> ProcessAsync(
        InboxEvent inboxEvent,
        ProcessingContext context,
        CancellationToken cancellationToken
    ) => ValueTask.FromResult(InboxEventOutcome.Ignored);
}

/// <summary>
/// The events of a delivery, or the rejection that stops it in the validation step.
/// </summary>
public sealed class PayloadReadResult
{
    private PayloadReadResult(IReadOnlyList<WebhookEvent> events, WebhookResult? rejection)
    {
        Events = events;
        Rejection = rejection;
    }

    public IReadOnlyList<WebhookEvent> Events { get; }

    public WebhookResult? Rejection { get; }

    public static PayloadReadResult Success(IReadOnlyList<WebhookEvent> events) => new(events, null);

    public static PayloadReadResult Success(WebhookEvent webhookEvent) => new([webhookEvent], null);

    public static PayloadReadResult Invalid(string field, string message) =>
        new([], WebhookResult.Invalid([new FieldError(field, message)]));

    public static PayloadReadResult Invalid(IReadOnlyList<FieldError> errors) => new([], WebhookResult.Invalid(errors));

    public static PayloadReadResult Forbidden(string reason, string detail) =>
        new([], WebhookResult.Rejected(403, reason, detail));
}
