using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using RaffsSync.Application.Configuration;

namespace RaffsSync.Application.Providers;

/// <summary>
/// Start-up checks that the options binder does not make: a provider setting whose value cannot be converted
/// (the binder would drop the whole provider without a word), and token buckets below one token.
/// </summary>
internal static partial class ProviderSettingTypes
{
    /// <summary>Throws <see cref="ProviderConfigurationException"/> for the first provider setting of the wrong type.</summary>
    public static void Check(IConfiguration configuration)
    {
        foreach (var provider in configuration.GetSection($"{RaffsSyncOptions.SectionName}:Providers").GetChildren())
        {
            try
            {
                provider.Get<ProviderOptions>();
            }
            catch (InvalidOperationException exception)
            {
                // The binder's message contains the value, which may be a secret, so only the path is kept.
                var path = SettingPath().Match(exception.Message);
                var prefix = provider.Path + ":";
                var setting =
                    path.Success && path.Groups["path"].Value.StartsWith(prefix, StringComparison.Ordinal)
                        ? path.Groups["path"].Value[prefix.Length..]
                        : "(a setting)";
                throw new ProviderConfigurationException(
                    provider.Key,
                    setting,
                    "has a value of the wrong type; docs/configuration.md lists the expected values."
                );
            }
        }
    }

    /// <summary>Throws when a configured token bucket would never admit a request.</summary>
    public static void CheckBucket(string section, RateLimitOptions bucket)
    {
        if (bucket.PermitsPerSecond is < 1)
        {
            throw new InvalidOperationException($"{section}:PermitsPerSecond must be at least 1.");
        }

        if (bucket.Burst is < 1)
        {
            throw new InvalidOperationException($"{section}:Burst must be at least 1.");
        }
    }

    [GeneratedRegex(@"at '(?<path>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex SettingPath();
}
