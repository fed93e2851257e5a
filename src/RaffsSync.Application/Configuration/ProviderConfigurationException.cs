namespace RaffsSync.Application.Configuration;

/// <summary>
/// Invalid provider settings found at start-up. The message names the provider and the setting, never a secret.
/// </summary>
public sealed class ProviderConfigurationException : Exception
{
    public ProviderConfigurationException(string provider, string setting, string problem)
        : base($"RaffsSync:Providers:{provider}:{setting} {problem}")
    {
        Provider = provider;
        Setting = setting;
    }

    public string Provider { get; }

    public string Setting { get; }
}
