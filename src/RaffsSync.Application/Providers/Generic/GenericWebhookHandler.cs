using System.Text.Json;
using RaffsSync.Application.Processing;
using RaffsSync.Application.Webhooks;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Providers.Generic;

/// <summary>
/// The handler of a provider configured without a class of its own: a JSON body must be well-formed, and the
/// event id and type come from the configured header or JSON pointer. It writes no records and marks every
/// event processed, so the inbox keeps the events for whatever reads them.
/// </summary>
public sealed class GenericWebhookHandler : WebhookHandler
{
    /// <summary>Not a provider code: this handler serves every provider without a handler class.</summary>
    public override string Provider => "*";

    public override PayloadReadResult ReadEvents(ReceiveWebhookCommand command)
    {
        if (command.Body.IsEmpty)
        {
            return PayloadReadResult.Invalid("$", "The body is empty.");
        }

        if (!IsJson(command.MediaType))
        {
            return ReadEvent(command, body: null);
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

    public override ValueTask<InboxEventOutcome> ProcessAsync(
        InboxEvent inboxEvent,
        ProcessingContext context,
        CancellationToken cancellationToken
    ) => ValueTask.FromResult(InboxEventOutcome.Processed);

    internal static bool IsJson(string mediaType) =>
        mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private static PayloadReadResult ReadEvent(ReceiveWebhookCommand command, JsonElement? body)
    {
        var idError = EventIdentity.TryReadId(command, body, out var eventId, out var derived);
        var typeError = EventIdentity.TryReadType(command, body, out var eventType);
        if (idError is not null || typeError is not null)
        {
            return PayloadReadResult.Invalid(new[] { idError, typeError }.OfType<FieldError>().ToList());
        }

        return PayloadReadResult.Success(new WebhookEvent(eventId, derived, eventType, command.Body));
    }
}
