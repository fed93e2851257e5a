using RaffsSync.Application.Configuration;

namespace RaffsSync.Application.Verification;

/// <summary>
/// Start-up checks shared by the schemes. Each failure throws <see cref="ProviderConfigurationException"/>
/// naming the provider and the setting; no message contains a secret.
/// </summary>
public static class VerificationSettings
{
    public const int DefaultToleranceSeconds = 300;

    /// <summary>The widest accepted window: one day each way.</summary>
    public const int MaxToleranceSeconds = 86_400;

    /// <summary>
    /// Returns the secrets, or throws when none is set or one is empty. <paramref name="secretKind"/> names a secret
    /// of this scheme in the message, such as <c>signing secret</c>.
    /// </summary>
    public static IReadOnlyList<string> RequireSecrets(string provider, VerificationOptions options, string secretKind)
    {
        if (options.Secrets.Count == 0)
        {
            throw new ProviderConfigurationException(
                provider,
                "Verification:Secrets",
                $"is missing: set at least one {secretKind}."
            );
        }

        for (var i = 0; i < options.Secrets.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Secrets[i]))
            {
                throw new ProviderConfigurationException(
                    provider,
                    $"Verification:Secrets:{i}",
                    $"is empty: set a {secretKind} or remove the entry."
                );
            }
        }

        return options.Secrets;
    }

    /// <summary>
    /// Returns a required text setting, trimmed, or throws naming <paramref name="setting"/> (the key under the
    /// provider, such as <c>Verification:Header</c>) and <paramref name="hint"/> (what to set).
    /// </summary>
    public static string Require(string provider, string setting, string? value, string hint)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ProviderConfigurationException(provider, setting, $"is missing: set {hint}.");
        }

        return value.Trim();
    }

    /// <summary>Returns <c>ToleranceSeconds</c>, or the default when unset; throws outside 1 to 86400.</summary>
    public static int ReadToleranceSeconds(string provider, VerificationOptions options, int defaultSeconds)
    {
        var seconds = options.ToleranceSeconds ?? defaultSeconds;
        if (seconds is < 1 or > MaxToleranceSeconds)
        {
            throw new ProviderConfigurationException(
                provider,
                "Verification:ToleranceSeconds",
                $"must be between 1 and {MaxToleranceSeconds} seconds."
            );
        }

        return seconds;
    }
}
