using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RaffsSync.Application.Configuration;

namespace RaffsSync.Application.Processing;

/// <summary>
/// Runs the configured number of inbox workers until the host stops. A worker repeats
/// <see cref="InboxProcessor.RunOnceAsync"/> while it finds full batches, and otherwise waits a poll interval.
/// SQLite allows one writer at a time, so it gets one worker.
/// </summary>
public sealed partial class InboxWorkerService(
    InboxProcessor processor,
    IOptions<RaffsSyncOptions> options,
    TimeProvider timeProvider,
    ILogger<InboxWorkerService> logger
) : BackgroundService
{
    /// <summary>Longest wait after a failed cycle, such as one that found the database unreachable.</summary>
    private static readonly TimeSpan MaxFailureDelay = TimeSpan.FromSeconds(30);

    /// <summary>Returns the number of workers this instance runs for <paramref name="options"/>.</summary>
    public static int CountWorkers(RaffsSyncOptions options)
    {
        var isSqlite = string.Equals(
            options.Storage.Provider,
            StorageOptions.SqliteProvider,
            StringComparison.OrdinalIgnoreCase
        );
        return isSqlite ? Math.Min(1, options.Processing.Workers) : options.Processing.Workers;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var workers = CountWorkers(settings);
        if (workers == 0)
        {
            LogWorkersOff(logger);
            return;
        }

        var processing = settings.Processing;
        LogWorkersStarted(
            logger,
            workers,
            settings.Storage.Provider,
            processing.BatchSize,
            processing.LeaseTimeout,
            processing.MaxAttempts
        );

        var loops = Enumerable.Range(1, workers).Select(worker => RunWorkerAsync(worker, stoppingToken));
        await Task.WhenAll(loops);
        LogWorkersStopped(logger, workers);
    }

    private async Task RunWorkerAsync(int worker, CancellationToken stoppingToken)
    {
        // Leave the host's start-up path before the first database call.
        await Task.Yield();

        var settings = options.Value.Processing;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var claimed = await processor.RunOnceAsync(stoppingToken);
                failures = 0;
                if (claimed >= settings.BatchSize)
                {
                    continue;
                }

                // One worker counts the pending events each time it goes idle, at most once per poll interval.
                if (worker == 1)
                {
                    await processor.CountPendingAsync(stoppingToken);
                }

                wait = settings.PollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                failures++;
                wait = FailureDelay(settings.PollInterval, failures);
                LogCycleFailed(logger, exception, worker, failures, wait);
            }

            try
            {
                await Task.Delay(wait, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>Doubles the poll interval with each consecutive failure, up to <see cref="MaxFailureDelay"/>.</summary>
    private static TimeSpan FailureDelay(TimeSpan pollInterval, int failures)
    {
        var ticks = pollInterval.Ticks * Math.Pow(2, Math.Min(failures, 16));
        return TimeSpan.FromTicks((long)Math.Min(ticks, MaxFailureDelay.Ticks));
    }

    [LoggerMessage(
        EventId = 2100,
        Level = LogLevel.Information,
        Message = "Inbox processing is off in this instance: RaffsSync:Processing:Workers is 0"
    )]
    private static partial void LogWorkersOff(ILogger logger);

    [LoggerMessage(
        EventId = 2101,
        Level = LogLevel.Information,
        Message = "Started {Workers} inbox workers on {StorageProvider}: batch {BatchSize}, lease {LeaseTimeout}, at most {MaxAttempts} attempts"
    )]
    private static partial void LogWorkersStarted(
        ILogger logger,
        int workers,
        string storageProvider,
        int batchSize,
        TimeSpan leaseTimeout,
        int maxAttempts
    );

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Stopped {Workers} inbox workers")]
    private static partial void LogWorkersStopped(ILogger logger, int workers);

    [LoggerMessage(
        EventId = 2103,
        Level = LogLevel.Error,
        Message = "Inbox worker {Worker} failed to claim or process a batch ({Failures} in a row); retrying in {Delay}"
    )]
    private static partial void LogCycleFailed(
        ILogger logger,
        Exception exception,
        int worker,
        int failures,
        TimeSpan delay
    );
}
