using Microsoft.Extensions.Options;
using RaffsSync.Application.Configuration;

namespace RaffsSync.Application.Processing;

/// <summary>
/// Exponential backoff with full jitter: after failed attempt n the delay is drawn uniformly from zero to
/// min(cap, base × 2^(n−1)). Jitter spreads the retries of events that failed together, such as during a
/// database outage.
/// </summary>
public sealed class RetryBackoff
{
    private readonly ProcessingOptions settings;
    private readonly Random random;

    public RetryBackoff(IOptions<RaffsSyncOptions> options)
        : this(options.Value.Processing, Random.Shared) { }

    /// <summary>Uses <paramref name="random"/> for the jitter, so that tests can fix it.</summary>
    internal RetryBackoff(ProcessingOptions settings, Random random)
    {
        this.settings = settings;
        this.random = random;
    }

    /// <summary>Returns the upper bound of the delay after failed attempt <paramref name="failedAttempt"/> (1-based).</summary>
    public TimeSpan Ceiling(int failedAttempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        var exponential = settings.BackoffBase.Ticks * Math.Pow(2, failedAttempt - 1);
        var ticks = Math.Min(settings.BackoffCap.Ticks, exponential);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Draws the delay after failed attempt <paramref name="failedAttempt"/> (1-based).</summary>
    public TimeSpan NextDelay(int failedAttempt)
    {
        var ceiling = Ceiling(failedAttempt);
        return TimeSpan.FromTicks((long)(ceiling.Ticks * random.NextDouble()));
    }
}
