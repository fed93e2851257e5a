namespace RaffsSync.Domain.Refresh;

/// <summary>Lifecycle of a refresh request.</summary>
public enum RefreshRequestStatus
{
    /// <summary>Waiting for the record to be fetched; new notifications for the record fold into it.</summary>
    Pending,

    /// <summary>The record was fetched; a new notification starts a new request.</summary>
    Completed,
}

/// <summary>The names under which refresh request statuses are stored.</summary>
public static class RefreshRequestStatusNames
{
    public const string Pending = "pending";
    public const string Completed = "completed";

    public static string ToName(this RefreshRequestStatus status) =>
        status switch
        {
            RefreshRequestStatus.Pending => Pending,
            RefreshRequestStatus.Completed => Completed,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown refresh request status."),
        };

    public static RefreshRequestStatus Parse(string name) =>
        name switch
        {
            Pending => RefreshRequestStatus.Pending,
            Completed => RefreshRequestStatus.Completed,
            _ => throw new FormatException($"Unknown refresh request status '{name}'."),
        };
}
