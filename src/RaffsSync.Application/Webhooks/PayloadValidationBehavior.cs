using Mediator;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Webhooks;

/// <summary>
/// Second step: the provider's handler reads and validates the payload (400 naming the field) and may refuse a
/// tenant (403). Runs after verification so an unauthenticated caller learns nothing about payload validity.
/// </summary>
/// <remarks>
/// Every event id and type is checked here too, whichever handler read it, because they are stored in text
/// columns and written to logs. A control character, a NUL (which PostgreSQL text cannot hold) or a lone
/// surrogate is therefore a 400 rather than a database error or a forged log line.
/// </remarks>
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

        if (read.Events.Count == 0)
        {
            return ValueTask.FromResult(WebhookResult.Invalid([new FieldError("$", "The delivery carries no event.")]));
        }

        foreach (var webhookEvent in read.Events)
        {
            if (CheckText("event id", webhookEvent.EventId, InboxLimits.EventIdMaxLength) is { } idError)
            {
                return ValueTask.FromResult(WebhookResult.Invalid([idError]));
            }

            if (CheckText("event type", webhookEvent.EventType, InboxLimits.EventTypeMaxLength) is { } typeError)
            {
                return ValueTask.FromResult(WebhookResult.Invalid([typeError]));
            }
        }

        message.Events = read.Events;
        return next(message, cancellationToken);
    }

    private static FieldError? CheckText(string field, string value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new FieldError(field, $"The {field} is empty.");
        }

        if (value.Length > maxLength)
        {
            return new FieldError(field, $"The {field} is longer than {maxLength} characters.");
        }

        return IsPrintableUnicode(value)
            ? null
            : new FieldError(field, $"The {field} contains control characters or invalid Unicode.");
    }

    private static bool IsPrintableUnicode(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }
}
