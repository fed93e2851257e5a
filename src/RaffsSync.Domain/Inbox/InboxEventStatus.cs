namespace RaffsSync.Domain.Inbox;

/// <summary>Lifecycle of an inbox event.</summary>
public enum InboxEventStatus
{
    /// <summary>Stored and waiting for a worker.</summary>
    Pending,

    /// <summary>Claimed by a worker under a lease.</summary>
    Processing,

    /// <summary>Handled; nothing more happens to it.</summary>
    Processed,

    /// <summary>Failed every attempt; waits for a replay.</summary>
    DeadLettered,
}

/// <summary>The names under which statuses are stored, so that SQL and operators read the same words.</summary>
public static class InboxEventStatusNames
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Processed = "processed";
    public const string DeadLettered = "dead_lettered";

    public static string ToName(this InboxEventStatus status) =>
        status switch
        {
            InboxEventStatus.Pending => Pending,
            InboxEventStatus.Processing => Processing,
            InboxEventStatus.Processed => Processed,
            InboxEventStatus.DeadLettered => DeadLettered,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown inbox event status."),
        };

    public static InboxEventStatus Parse(string name) =>
        name switch
        {
            Pending => InboxEventStatus.Pending,
            Processing => InboxEventStatus.Processing,
            Processed => InboxEventStatus.Processed,
            DeadLettered => InboxEventStatus.DeadLettered,
            _ => throw new FormatException($"Unknown inbox event status '{name}'."),
        };
}
