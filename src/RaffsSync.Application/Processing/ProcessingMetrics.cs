using System.Diagnostics.Metrics;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Processing;

/// <summary>
/// The processing counters, in one place: instruments on the <c>RaffsSync.Processing</c> meter for an exporter,
/// and running totals of this instance for code that reads them directly.
/// </summary>
public sealed class ProcessingMetrics
{
    public const string MeterName = "RaffsSync.Processing";

    private readonly Counter<long> processed;
    private readonly Counter<long> retried;
    private readonly Counter<long> deadLettered;
    private long processedTotal;
    private long retriedTotal;
    private long deadLetteredTotal;
    private long pending = -1;

    public ProcessingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        processed = meter.CreateCounter<long>(
            "raffssync.inbox.events.processed",
            "{event}",
            "Events marked processed, by provider and outcome."
        );
        retried = meter.CreateCounter<long>(
            "raffssync.inbox.events.retried",
            "{event}",
            "Failed attempts that were scheduled for a retry, by provider."
        );
        deadLettered = meter.CreateCounter<long>(
            "raffssync.inbox.events.dead_lettered",
            "{event}",
            "Events dead-lettered, by provider."
        );
        meter.CreateObservableGauge(
            "raffssync.inbox.events.pending",
            ObservePending,
            "{event}",
            "Pending events in the inbox, due or waiting for a retry, as last counted by a worker."
        );
    }

    /// <summary>Events this instance marked processed, inline or by a worker.</summary>
    public long Processed => Interlocked.Read(ref processedTotal);

    public long Retried => Interlocked.Read(ref retriedTotal);

    public long DeadLettered => Interlocked.Read(ref deadLetteredTotal);

    /// <summary>Pending events in the whole inbox as last counted, or -1 before the first count.</summary>
    public long Pending => Interlocked.Read(ref pending);

    public void RecordProcessed(string provider, InboxEventOutcome outcome)
    {
        Interlocked.Increment(ref processedTotal);
        processed.Add(
            1,
            new KeyValuePair<string, object?>("provider", provider),
            new KeyValuePair<string, object?>("outcome", outcome.ToName())
        );
    }

    public void RecordRetried(string provider)
    {
        Interlocked.Increment(ref retriedTotal);
        retried.Add(1, new KeyValuePair<string, object?>("provider", provider));
    }

    public void RecordDeadLettered(string provider)
    {
        Interlocked.Increment(ref deadLetteredTotal);
        deadLettered.Add(1, new KeyValuePair<string, object?>("provider", provider));
    }

    public void SetPending(long count) => Interlocked.Exchange(ref pending, count);

    private IEnumerable<Measurement<long>> ObservePending()
    {
        var count = Pending;
        return count < 0 ? [] : [new Measurement<long>(count)];
    }
}
