namespace RaffsSync.Domain.Inbox;

/// <summary>
/// Syntax of the provider code and topic segments of a webhook path.
/// </summary>
public static class RouteNames
{
    /// <summary>Checks a provider code against <c>^[a-z0-9][a-z0-9-]{0,31}$</c>.</summary>
    public static bool IsValidProvider(ReadOnlySpan<char> value) =>
        IsValid(value, InboxLimits.ProviderMaxLength, allowDotAndUnderscore: false, ignoreCase: false);

    /// <summary>Checks a topic against <c>^[a-z0-9][a-z0-9._-]{0,63}$</c>, ignoring case.</summary>
    public static bool IsValidTopic(ReadOnlySpan<char> value) =>
        IsValid(value, InboxLimits.TopicMaxLength, allowDotAndUnderscore: true, ignoreCase: true);

    private static bool IsValid(ReadOnlySpan<char> value, int maxLength, bool allowDotAndUnderscore, bool ignoreCase)
    {
        if (value.IsEmpty || value.Length > maxLength)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = ignoreCase ? char.ToLowerInvariant(value[i]) : value[i];
            var isAlphanumeric = c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
            if (isAlphanumeric)
            {
                continue;
            }

            var isSeparator = c == '-' || (allowDotAndUnderscore && c is '.' or '_');
            if (i == 0 || !isSeparator)
            {
                return false;
            }
        }

        return true;
    }
}
