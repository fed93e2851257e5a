namespace RaffsSync.Domain.Inbox;

/// <summary>What a handler did with an event, stored in the <c>outcome</c> column of a processed event.</summary>
public enum InboxEventOutcome
{
    /// <summary>The handler wrote or confirmed the records the event describes.</summary>
    Processed,

    /// <summary>No handler acts on this event type; nothing was written.</summary>
    Ignored,

    /// <summary>The records already hold a newer update from the source; nothing was written.</summary>
    Stale,
}

/// <summary>The names under which outcomes are stored.</summary>
public static class InboxEventOutcomeNames
{
    public const string Processed = "processed";
    public const string Ignored = "ignored";
    public const string Stale = "stale";

    public static string ToName(this InboxEventOutcome outcome) =>
        outcome switch
        {
            InboxEventOutcome.Processed => Processed,
            InboxEventOutcome.Ignored => Ignored,
            InboxEventOutcome.Stale => Stale,
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown inbox event outcome."),
        };
}
