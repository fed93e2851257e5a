namespace RaffsSync.Application.Configuration;

/// <summary>
/// Settings of the inbox workers, under <c>RaffsSync:Processing</c>. Times use the .NET TimeSpan format, such as
/// <c>00:00:05</c> for five seconds.
/// </summary>
public sealed class ProcessingOptions
{
    /// <summary>Concurrent workers in this instance; 0 turns processing off here. SQLite always uses one.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>Maximum events one worker claims at a time.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>Time an idle worker waits before it looks for due events again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Time a claim lasts. A worker that has not recorded an outcome by then loses the event to another worker, and
    /// its handler is cancelled.
    /// </summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before an event is dead-lettered, counting the first.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Upper bound of the delay after the first failed attempt; it doubles with each further failure.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Maximum upper bound of a retry delay.</summary>
    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromMinutes(15);
}
