using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Processing;

/// <summary>
/// The error stored with a failed event: exception types and messages, outermost first, cut to the column length.
/// Messages of the gateway's own exceptions name fields, not values. Npgsql leaves the detail of a server error,
/// which may quote values, out of the message unless the connection string sets Include Error Detail.
/// </summary>
internal static class ErrorText
{
    private const int MaxDepth = 3;

    public static string Describe(Exception exception)
    {
        var parts = new List<string>(MaxDepth);
        for (var current = exception; current is not null && parts.Count < MaxDepth; current = current.InnerException)
        {
            parts.Add($"{current.GetType().Name}: {current.Message}");
        }

        return Truncate(string.Join(" ---> ", parts));
    }

    public static string Truncate(string text) =>
        text.Length <= InboxLimits.LastErrorMaxLength ? text : text[..(InboxLimits.LastErrorMaxLength - 1)] + "…";
}
