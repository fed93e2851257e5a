using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using FluentValidation;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Processing;
using RaffsSync.Application.Records;
using RaffsSync.Application.Verification;
using RaffsSync.Application.Webhooks;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Providers.Accurate;

/// <summary>
/// Accurate Online: a delivery is an array of envelopes and each envelope is one event, with id
/// <c>{databaseId}:{uuid}</c> and its own bytes as body. Every envelope must name an allowed database (tenant).
/// Processing turns <c>ITEM_QUANTITY</c> into inventory levels and every other type, which carries ids only, into
/// refresh requests; the envelope's timestamp orders the updates of one record.
/// </summary>
public sealed class AccurateWebhookHandler(IValidator<AccurateEnvelope> validator) : WebhookHandler
{
    public const string Code = "accurate";

    /// <summary>Envelopes accepted per delivery; Accurate batches a few, so a larger array is refused as invalid.</summary>
    public const int MaxEnvelopes = 1000;

    public override string Provider => Code;

    public override void ValidateSettings(string provider, ProviderOptions options)
    {
        if (options.AllowedDatabaseIds.Count == 0)
        {
            throw new ProviderConfigurationException(
                provider,
                "AllowedDatabaseIds",
                "is empty: list the Accurate database ids whose deliveries are accepted."
            );
        }
    }

    public override async ValueTask<InboxEventOutcome> ProcessAsync(
        InboxEvent inboxEvent,
        ProcessingContext context,
        CancellationToken cancellationToken
    )
    {
        AccurateEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(inboxEvent.Body, ProviderJsonContext.Default.AccurateEnvelope);
        }
        catch (JsonException exception)
        {
            throw new InvalidEventPayloadException("The stored body is not a valid Accurate envelope.", exception);
        }

        if (envelope is null)
        {
            throw PayloadFields.Invalid("$", "is null");
        }

        var databaseId = PayloadFields.Required(envelope.DatabaseId, "databaseId");
        if (!AccurateEnvelope.TryParseTimestamp(envelope.Timestamp, out var timestamp))
        {
            throw PayloadFields.Invalid("timestamp", $"must be in the format {AccurateEnvelope.TimestampFormat}");
        }

        if (envelope.Data.ValueKind != JsonValueKind.Array)
        {
            throw PayloadFields.Invalid("data", "must be an array");
        }

        var results =
            inboxEvent.EventType == AccurateRecordMapping.ItemQuantityType
                ? await WriteInventoryLevelsAsync(
                    envelope.Data,
                    databaseId,
                    timestamp,
                    inboxEvent,
                    context,
                    cancellationToken
                )
                : await WriteRefreshRequestsAsync(
                    envelope.Data,
                    databaseId,
                    timestamp,
                    inboxEvent,
                    context,
                    cancellationToken
                );

        // An envelope is stale only when every record it names already has a newer update.
        var allStale = results.Count > 0 && results.All(result => result == RecordWriteResult.Stale);
        return allStale ? InboxEventOutcome.Stale : InboxEventOutcome.Processed;
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
            try
            {
                return ReadEnvelopes(command, document!.RootElement);
            }
            catch (JsonException exception)
            {
                return PayloadJson.Invalid(exception);
            }
        }
    }

    private static async Task<List<RecordWriteResult>> WriteInventoryLevelsAsync(
        JsonElement data,
        long databaseId,
        DateTimeOffset timestamp,
        InboxEvent inboxEvent,
        ProcessingContext context,
        CancellationToken cancellationToken
    )
    {
        // Map every element first, so that an invalid one fails the event before anything is written.
        var updates = data.EnumerateArray()
            .Select(
                (element, index) =>
                    AccurateRecordMapping.ToInventoryLevel(
                        element,
                        AccurateRecordMapping.ElementPath(index),
                        databaseId,
                        timestamp,
                        inboxEvent.EventId
                    )
            )
            .ToList();

        var writer = context.GetRequiredService<IInventoryLevelWriter>();
        var results = new List<RecordWriteResult>(updates.Count);
        foreach (var update in updates)
        {
            results.Add(await writer.ApplyAsync(update, context.Now, cancellationToken));
        }

        return results;
    }

    private static async Task<List<RecordWriteResult>> WriteRefreshRequestsAsync(
        JsonElement data,
        long databaseId,
        DateTimeOffset timestamp,
        InboxEvent inboxEvent,
        ProcessingContext context,
        CancellationToken cancellationToken
    )
    {
        var updates = data.EnumerateArray()
            .Select(
                (element, index) =>
                    AccurateRecordMapping.ToRefreshRequest(
                        element,
                        AccurateRecordMapping.ElementPath(index),
                        inboxEvent.EventType,
                        databaseId,
                        timestamp,
                        inboxEvent.EventId
                    )
            )
            .ToList();

        var writer = context.GetRequiredService<IRefreshRequestWriter>();
        var results = new List<RecordWriteResult>(updates.Count);
        foreach (var update in updates)
        {
            results.Add(await writer.RequestAsync(update, context.Now, cancellationToken));
        }

        return results;
    }

    private PayloadReadResult ReadEnvelopes(ReceiveWebhookCommand command, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            return PayloadReadResult.Invalid("$", "The body must be a JSON array of envelopes.");
        }

        var count = root.GetArrayLength();
        if (count == 0 || count > MaxEnvelopes)
        {
            var message = string.Create(
                CultureInfo.InvariantCulture,
                $"The array must hold 1 to {MaxEnvelopes} envelopes."
            );
            return PayloadReadResult.Invalid("$", message);
        }

        var events = new List<WebhookEvent>(count);
        var errors = new List<FieldError>();
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"[{index++}]");
            if (element.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new FieldError(prefix, "Each envelope must be a JSON object."));
                continue;
            }

            var envelope = element.Deserialize(ProviderJsonContext.Default.AccurateEnvelope)!;
            var validation = validator.Validate(envelope);
            if (!validation.IsValid)
            {
                errors.AddRange(
                    validation.Errors.Select(error => new FieldError(
                        $"{prefix}.{error.PropertyName}",
                        error.ErrorMessage
                    ))
                );
                continue;
            }

            if (!command.Provider.AllowedDatabaseIds.Contains(envelope.DatabaseId!.Value))
            {
                return PayloadReadResult.Forbidden(
                    VerificationReasons.UnknownTenant,
                    "A database id in this delivery is not connected."
                );
            }

            var eventId = string.Create(CultureInfo.InvariantCulture, $"{envelope.DatabaseId}:{envelope.Uuid}");
            var bytes = JsonMarshal.GetRawUtf8Value(element).ToArray();
            events.Add(new WebhookEvent(eventId, EventIdDerived: false, envelope.Type!, bytes));
        }

        return errors.Count > 0 ? PayloadReadResult.Invalid(errors) : PayloadReadResult.Success(events);
    }
}
