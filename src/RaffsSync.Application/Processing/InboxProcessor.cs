using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Providers;
using RaffsSync.Application.Webhooks;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Processing;

/// <summary>
/// One worker cycle: claims a batch of due events and runs each through its provider's handler. The handler's
/// records and the processed status commit in one transaction, and only while the worker still holds the lease.
/// A failure is recorded separately: a retry after a backoff, or a dead letter.
/// </summary>
public sealed class InboxProcessor(
    IServiceScopeFactory scopeFactory,
    WebhookProviderCatalog catalog,
    RetryBackoff backoff,
    ProcessingReporter reporter,
    IOptions<RaffsSyncOptions> options,
    TimeProvider timeProvider
)
{
    private ProcessingOptions Settings => options.Value.Processing;

    /// <summary>
    /// Claims one batch of due events and processes them in order. Returns the number claimed: 0 means nothing
    /// was due. When <paramref name="cancellationToken"/> fires, the events not yet finished are released.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        IReadOnlyList<InboxEvent> claimed;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var inbox = scope.ServiceProvider.GetRequiredService<IInboxStore>();
            claimed = await inbox.ClaimDueAsync(
                Settings.BatchSize,
                now,
                now + Settings.LeaseTimeout,
                cancellationToken
            );
        }

        for (var i = 0; i < claimed.Count; i++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync(claimed.Skip(i));
                break;
            }

            await ProcessClaimedAsync(claimed[i], cancellationToken);
        }

        return claimed.Count;
    }

    /// <summary>Counts the pending events and publishes the number in <see cref="ProcessingMetrics"/>.</summary>
    public async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var count = await scope.ServiceProvider.GetRequiredService<IInboxStore>().CountPendingAsync(cancellationToken);
        reporter.PendingCounted(count);
        return count;
    }

    private async Task ProcessClaimedAsync(InboxEvent claimed, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var leaseExpiresAt = claimed.LockedUntil ?? now;
        if (now >= leaseExpiresAt)
        {
            // Another worker may already hold a new lease, so this one must not touch the event.
            reporter.LeaseLost(claimed);
            return;
        }

        var started = timeProvider.GetTimestamp();
        if (claimed.Attempts > Settings.MaxAttempts)
        {
            const string Error = "The lease of the last attempt expired before its outcome was recorded.";
            await RecordFailureAsync(claimed, Error, exception: null, permanent: true, started);
            return;
        }

        using var leaseTimeout = new CancellationTokenSource(leaseExpiresAt - now, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, leaseTimeout.Token);
        try
        {
            var outcome = await RunHandlerAsync(claimed, now, linked.Token);
            if (outcome is { } recorded)
            {
                reporter.Processed(claimed, claimed.Attempts, recorded, timeProvider.GetElapsedTime(started));
            }
            else
            {
                reporter.LeaseLost(claimed);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReleaseAsync([claimed]);
        }
        catch (OperationCanceledException exception) when (leaseTimeout.IsCancellationRequested)
        {
            var error = $"The handler did not finish within the lease timeout of {Settings.LeaseTimeout}.";
            await RecordFailureAsync(claimed, error, exception, permanent: false, started);
        }
        catch (Exception exception)
        {
            var permanent = exception is InvalidEventPayloadException;
            await RecordFailureAsync(claimed, ErrorText.Describe(exception), exception, permanent, started);
        }
    }

    /// <summary>Runs the handler and records the outcome; returns null when the lease was lost meanwhile.</summary>
    private async Task<InboxEventOutcome?> RunHandlerAsync(
        InboxEvent claimed,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var handler = FindHandler(claimed.Provider);

        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var transactions = services.GetRequiredService<IDatabaseTransactions>();
        await using var transaction = await transactions.BeginAsync(cancellationToken);

        var context = new ProcessingContext
        {
            Services = services,
            Now = now,
            Attempt = claimed.Attempts,
        };
        var outcome = await handler.ProcessAsync(claimed, context, cancellationToken);

        var inbox = services.GetRequiredService<IInboxStore>();
        var processedAt = timeProvider.GetUtcNow();
        if (!await inbox.MarkProcessedAsync(claimed, outcome, processedAt, cancellationToken))
        {
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    private WebhookHandler FindHandler(string provider)
    {
        // A provider removed from the settings fails like any handler error, so restoring it within the retries
        // still processes the event.
        if (!catalog.TryGet(provider, out var configured))
        {
            throw new InvalidOperationException(
                $"Provider '{provider}' is not configured under RaffsSync:Providers, so no handler can process its events."
            );
        }

        return configured.Handler;
    }

    /// <summary>
    /// Schedules a retry, or dead-letters the event when the failure is permanent or the attempts are used up.
    /// Runs without the worker's cancellation token so that a stopping worker still records the failure.
    /// </summary>
    private async Task RecordFailureAsync(
        InboxEvent claimed,
        string error,
        Exception? exception,
        bool permanent,
        long started
    )
    {
        var elapsed = timeProvider.GetElapsedTime(started);
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var inbox = scope.ServiceProvider.GetRequiredService<IInboxStore>();
            if (permanent || claimed.Attempts >= Settings.MaxAttempts)
            {
                if (await inbox.DeadLetterAsync(claimed, error, CancellationToken.None))
                {
                    reporter.DeadLettered(claimed, error, elapsed, exception);
                    return;
                }
            }
            else
            {
                var nextAttemptAt = timeProvider.GetUtcNow() + backoff.NextDelay(claimed.Attempts);
                if (await inbox.ScheduleRetryAsync(claimed, error, nextAttemptAt, CancellationToken.None))
                {
                    reporter.RetryScheduled(claimed, error, nextAttemptAt, elapsed, exception);
                    return;
                }
            }

            reporter.LeaseLost(claimed);
        }
        catch (Exception recordingException)
        {
            reporter.RecordingFailed(claimed, recordingException);
        }
    }

    private async Task ReleaseAsync(IEnumerable<InboxEvent> claimed)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var inboxEvent in claimed)
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                var inbox = scope.ServiceProvider.GetRequiredService<IInboxStore>();
                if (await inbox.ReleaseAsync(inboxEvent, now, CancellationToken.None))
                {
                    reporter.Released(inboxEvent);
                }
            }
            catch (Exception exception)
            {
                reporter.RecordingFailed(inboxEvent, exception);
            }
        }
    }
}
