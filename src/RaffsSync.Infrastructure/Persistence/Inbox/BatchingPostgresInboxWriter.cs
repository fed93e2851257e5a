using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Inbox;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Infrastructure.Persistence.Inbox;

/// <summary>
/// Writes the inbox on PostgreSQL by coalescing concurrent deliveries: their rows go into one statement with one
/// commit, and each delivery's call returns its own outcomes only after that commit.
/// </summary>
/// <remarks>
/// One collector fills a batch from the queue until it contains <see cref="InboxBatchingOptions.MaxBatchSize"/> rows or
/// the oldest delivery in it has waited <see cref="InboxBatchingOptions.MaxWaitMicroseconds"/>, then sends it while
/// it fills the next; at most <see cref="InboxBatchingOptions.MaxConcurrentBatches"/> batches are in flight. When a
/// batch fails, every delivery in it gets the exception, deliveries in other batches are unaffected, and the failed
/// statement stores none of its rows.
/// </remarks>
internal sealed partial class BatchingPostgresInboxWriter : IInboxWriter, IAsyncDisposable
{
    /// <summary>The meter to watch, for example with <c>dotnet-counters monitor --counters RaffsSync.Inbox</c>.</summary>
    public const string MeterName = "RaffsSync.Inbox";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<int> BatchRows = Meter.CreateHistogram<int>(
        "raffssync.inbox.batch.rows",
        "{row}",
        "Rows per batch insert."
    );
    private static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>(
        "raffssync.inbox.batch.duration",
        "ms",
        "Time from opening a connection to the batch's outcomes, in milliseconds."
    );
    private static readonly Counter<long> FailedBatches = Meter.CreateCounter<long>(
        "raffssync.inbox.batch.failures",
        "{batch}",
        "Batches whose insert failed."
    );

    private readonly NpgsqlDataSource dataSource;
    private readonly ILogger<BatchingPostgresInboxWriter> logger;
    private readonly int maxBatchSize;
    private readonly int maxConcurrentBatches;
    private readonly long maxWaitTicks;
    private readonly Channel<PendingWrite> queue;
    private readonly SemaphoreSlim batchSlots;
    private readonly Task collector;

    /// <summary>A delivery read from the queue that did not fit the batch being filled; it starts the next one.</summary>
    private PendingWrite? carried;

    public BatchingPostgresInboxWriter(
        NpgsqlDataSource dataSource,
        InboxBatchingOptions options,
        ILogger<BatchingPostgresInboxWriter> logger
    )
    {
        this.dataSource = dataSource;
        this.logger = logger;
        maxBatchSize = options.MaxBatchSize;
        maxConcurrentBatches = options.MaxConcurrentBatches;
        maxWaitTicks = options.MaxWaitMicroseconds * Stopwatch.Frequency / 1_000_000;
        batchSlots = new SemaphoreSlim(maxConcurrentBatches, maxConcurrentBatches);

        // Deliveries beyond this wait in WriteAsync, so a stalled database holds back senders instead of memory.
        queue = Channel.CreateBounded<PendingWrite>(
            new BoundedChannelOptions(maxBatchSize * maxConcurrentBatches * 4)
            {
                FullMode = BoundedChannelFullMode.Wait,
                SingleWriter = false,
                SingleReader = false,
            }
        );
        collector = Task.Run(CollectAsync);
    }

    public async ValueTask<IReadOnlyList<InboxInsertOutcome>> InsertAsync(
        IReadOnlyList<InboxEvent> events,
        CancellationToken cancellationToken
    )
    {
        if (events.Count == 0)
        {
            return [];
        }

        var pending = new PendingWrite(events, cancellationToken);
        await queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Completion.Task;
    }

    /// <summary>Stops taking deliveries, then waits until every queued and in-flight batch has finished.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await collector;
        for (var slot = 0; slot < maxConcurrentBatches; slot++)
        {
            await batchSlots.WaitAsync();
        }

        batchSlots.Dispose();
    }

    private async Task CollectAsync()
    {
        try
        {
            while (true)
            {
                await batchSlots.WaitAsync();
                var batch = await FillBatchAsync();
                if (batch is null)
                {
                    batchSlots.Release();
                    return;
                }

                _ = WriteBatchAsync(batch);
            }
        }
        catch (Exception exception)
        {
            // Only a bug gets here. Closing the queue makes every later delivery fail with 500 instead of waiting.
            LogCollectorFailed(logger, exception);
            queue.Writer.TryComplete(exception);
            while (queue.Reader.TryRead(out var pending))
            {
                pending.Completion.TrySetException(exception);
            }

            throw;
        }
    }

    /// <summary>Returns the next batch, or null once the queue is closed and empty.</summary>
    private async Task<List<PendingWrite>?> FillBatchAsync()
    {
        var first = carried ?? await ReadFirstAsync();
        carried = null;
        if (first is null)
        {
            return null;
        }

        var batch = new List<PendingWrite> { first };
        var rows = first.Events.Count;
        var deadline = first.EnqueuedAt + maxWaitTicks;

        while (rows < maxBatchSize)
        {
            if (queue.Reader.TryRead(out var next))
            {
                if (next.TryCancel())
                {
                    continue;
                }

                if (rows + next.Events.Count > maxBatchSize)
                {
                    carried = next;
                    break;
                }

                batch.Add(next);
                rows += next.Events.Count;
                continue;
            }

            var remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0 || !await WaitForDeliveryAsync(remaining))
            {
                break;
            }
        }

        return batch;
    }

    private async Task<PendingWrite?> ReadFirstAsync()
    {
        while (await queue.Reader.WaitToReadAsync())
        {
            while (queue.Reader.TryRead(out var pending))
            {
                if (!pending.TryCancel())
                {
                    return pending;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Returns true when a delivery arrives within <paramref name="timeoutTicks"/> <see cref="Stopwatch"/> ticks,
    /// false on timeout or close.
    /// </summary>
    private async Task<bool> WaitForDeliveryAsync(long timeoutTicks)
    {
        // The queue allows several readers, so a wait left pending after a timeout does no harm: the next
        // delivery completes it and the collector's own TryRead takes the delivery.
        var arrival = queue.Reader.WaitToReadAsync().AsTask();
        if (arrival.IsCompleted)
        {
            return await arrival;
        }

        // .NET timers count whole milliseconds and Task.Delay truncates a fraction, so the wait is rounded up
        // here. NOTE: a MaxWaitMicroseconds from 1 to 999 therefore still waits about 1 ms for the next delivery.
        var timeoutMilliseconds = (int)Math.Ceiling(timeoutTicks * 1000.0 / Stopwatch.Frequency);
        var first = await Task.WhenAny(arrival, Task.Delay(timeoutMilliseconds));
        return first == arrival && await arrival;
    }

    private async Task WriteBatchAsync(List<PendingWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var rows = batch.Sum(pending => pending.Events.Count);
        try
        {
            var outcomes = await InboxBatch.WriteAsync(dataSource, batch, CancellationToken.None);
            BatchRows.Record(rows);
            BatchDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception exception)
        {
            FailedBatches.Add(1);
            foreach (var pending in batch)
            {
                var message =
                    $"The inbox insert of a batch of {batch.Count} deliveries ({rows} rows) failed: {exception.Message}";
                pending.Completion.TrySetException(new InboxWriteException(message, exception));
            }
        }
        finally
        {
            batchSlots.Release();
        }
    }

    [LoggerMessage(
        EventId = 2100,
        Level = LogLevel.Critical,
        Message = "The inbox batch collector stopped; every later delivery fails with 500 until restart"
    )]
    private static partial void LogCollectorFailed(ILogger logger, Exception exception);
}

/// <summary>
/// One delivery's rows waiting for a batch, and the task its request awaits.
/// </summary>
internal sealed class PendingWrite(IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken)
{
    public IReadOnlyList<InboxEvent> Events { get; } = events;

    /// <summary>When the delivery was queued, in <see cref="Stopwatch"/> ticks; the batch wait counts from here.</summary>
    public long EnqueuedAt { get; } = Stopwatch.GetTimestamp();

    /// <summary>
    /// Completes on a thread-pool thread, so the requests of a batch resume in parallel rather than one after
    /// another on the thread that wrote the batch.
    /// </summary>
    public TaskCompletionSource<IReadOnlyList<InboxInsertOutcome>> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancels the request's task when its client went away before the batch was sent.</summary>
    public bool TryCancel() =>
        cancellationToken.IsCancellationRequested && Completion.TrySetCanceled(cancellationToken);
}

/// <summary>
/// A failed write of a batch of deliveries. Each request in the batch receives it and returns 500.
/// </summary>
public sealed class InboxWriteException(string message, Exception innerException) : Exception(message, innerException);
