using RaffsSync.Domain.Inbox;

namespace RaffsSync.Domain.Refresh;

/// <summary>Column lengths of refresh requests, shared by the handlers' checks and the database schema.</summary>
public static class RefreshRequestLimits
{
    /// <summary>The record type is the event type of the notification.</summary>
    public const int RecordTypeMaxLength = InboxLimits.EventTypeMaxLength;

    public const int RecordNumberMaxLength = 100;

    public const int ActionMaxLength = 32;

    public const int StatusMaxLength = 16;
}
