namespace RaffsSync.Domain.Inbox;

/// <summary>
/// Column lengths of the inbox, shared by request validation and the database schema.
/// </summary>
public static class InboxLimits
{
    /// <summary>A provider code: <c>^[a-z0-9][a-z0-9-]{0,31}$</c>.</summary>
    public const int ProviderMaxLength = 32;

    /// <summary>A topic tail: <c>^[a-z0-9][a-z0-9._-]{0,63}$</c>.</summary>
    public const int TopicMaxLength = 64;

    /// <summary>Sender event ids seen in practice are under 100 characters; 200 leaves room.</summary>
    public const int EventIdMaxLength = 200;

    public const int EventTypeMaxLength = 100;

    public const int LastErrorMaxLength = 2000;

    public const int OutcomeMaxLength = 32;

    public const int Sha256Length = 32;
}
