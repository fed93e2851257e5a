using Microsoft.Extensions.DependencyInjection;
using RaffsSync.Application.Inbox;
using RaffsSync.Application.Webhooks;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Processing;

/// <summary>
/// Inline processing, for providers configured with <c>Processing: Inline</c>: stores a delivery's events and runs
/// the handler on each new one in a single transaction, before the response. A handler failure rolls everything
/// back, so the sender's retry finds no duplicate and is processed afresh.
/// </summary>
public sealed class InlineProcessor(
    IServiceScopeFactory scopeFactory,
    ProcessingReporter reporter,
    TimeProvider timeProvider
)
{
    /// <summary>
    /// Returns the insert outcomes after committing, or a 500 result when a handler failed and nothing was stored.
    /// Database errors propagate as exceptions, which the host turns into a 500 response.
    /// </summary>
    public async Task<InlineProcessingResult> StoreAndProcessAsync(
        WebhookProvider provider,
        IReadOnlyList<InboxEvent> events,
        CancellationToken cancellationToken
    )
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var transactions = services.GetRequiredService<IDatabaseTransactions>();
        await using var transaction = await transactions.BeginAsync(cancellationToken);

        var writer = services.GetRequiredService<ITransactionalInboxWriter>();
        var outcomes = await writer.InsertAsync(events, cancellationToken);

        var processed = new List<(InboxEvent Event, InboxEventOutcome Outcome, TimeSpan Elapsed)>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (outcomes[i] != InboxInsertOutcome.Inserted)
            {
                continue;
            }

            var inboxEvent = events[i];
            var started = timeProvider.GetTimestamp();
            InboxEventOutcome outcome;
            try
            {
                outcome = await ProcessAsync(provider, inboxEvent, services, cancellationToken);
            }
            catch (InvalidEventPayloadException exception)
            {
                // A payload the handler can never map is the sender's error: a retry would fail the same way.
                reporter.InlineFailed(inboxEvent, timeProvider.GetElapsedTime(started), exception);
                return InlineProcessingResult.Failed(
                    WebhookResult.Invalid([new FieldError("$", "The event's fields cannot be turned into records.")])
                );
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                reporter.InlineFailed(inboxEvent, timeProvider.GetElapsedTime(started), exception);
                return InlineProcessingResult.Failed(
                    WebhookResult.Rejected(
                        500,
                        "processing_failed",
                        "The event could not be processed, so the delivery was not stored; retry later."
                    )
                );
            }

            processed.Add((inboxEvent, outcome, timeProvider.GetElapsedTime(started)));
        }

        await transaction.CommitAsync(cancellationToken);

        foreach (var (inboxEvent, outcome, elapsed) in processed)
        {
            reporter.Processed(inboxEvent, attempt: 1, outcome, elapsed);
        }

        return InlineProcessingResult.Stored(outcomes);
    }

    private async Task<InboxEventOutcome> ProcessAsync(
        WebhookProvider provider,
        InboxEvent inboxEvent,
        IServiceProvider services,
        CancellationToken cancellationToken
    )
    {
        var now = timeProvider.GetUtcNow();
        var context = new ProcessingContext
        {
            Services = services,
            Now = now,
            Attempt = 1,
        };
        var outcome = await provider.Handler.ProcessAsync(inboxEvent, context, cancellationToken);

        var inbox = services.GetRequiredService<IInboxStore>();
        if (!await inbox.MarkProcessedAsync(inboxEvent, outcome, timeProvider.GetUtcNow(), cancellationToken))
        {
            // The row was inserted in this transaction, so nothing else can have changed it.
            throw new InvalidOperationException("The event inserted for inline processing was not found to update.");
        }

        return outcome;
    }
}

/// <summary>The insert outcomes of an inline delivery, or the failure that left it unstored.</summary>
public sealed class InlineProcessingResult
{
    private InlineProcessingResult(IReadOnlyList<InboxInsertOutcome> outcomes, WebhookResult? failure)
    {
        Outcomes = outcomes;
        Failure = failure;
    }

    public IReadOnlyList<InboxInsertOutcome> Outcomes { get; }

    public WebhookResult? Failure { get; }

    public static InlineProcessingResult Stored(IReadOnlyList<InboxInsertOutcome> outcomes) => new(outcomes, null);

    public static InlineProcessingResult Failed(WebhookResult failure) => new([], failure);
}
