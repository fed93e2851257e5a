using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Inbox;
using RaffsSync.Application.Providers.Generic;
using RaffsSync.Application.Verification;
using RaffsSync.Application.Webhooks;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Providers;

/// <summary>
/// The configured providers, resolved once at start-up. Invalid settings throw
/// <see cref="ProviderConfigurationException"/> so the gateway never starts half-configured.
/// </summary>
public sealed class WebhookProviderCatalog
{
    private readonly Dictionary<string, WebhookProvider> providers = new(StringComparer.Ordinal);

    public WebhookProviderCatalog(
        IOptions<RaffsSyncOptions> options,
        IConfiguration configuration,
        IEnumerable<IVerificationScheme> schemes,
        IEnumerable<WebhookHandler> handlers,
        ILogger<WebhookProviderCatalog> logger
    )
    {
        ProviderSettingTypes.Check(configuration);
        ProviderSettingTypes.CheckBucket("RaffsSync:SourceRateLimit", options.Value.SourceRateLimit);

        var schemesByName = schemes.ToDictionary(scheme => scheme.Name, StringComparer.Ordinal);
        var handlersByProvider = handlers.ToDictionary(handler => handler.Provider, StringComparer.Ordinal);
        var generic = new GenericWebhookHandler();

        foreach (var (code, configured) in options.Value.Providers)
        {
            var handler = handlersByProvider.GetValueOrDefault(code, generic);
            var provider = Resolve(code, configured, handler, schemesByName);
            providers.Add(code, provider);

            var handlerName = handler.GetType().Name;
            if (provider.Enabled)
            {
                logger.LogInformation(
                    "Provider {Provider} enabled with scheme {Scheme} and handler {Handler}",
                    code,
                    provider.Scheme,
                    handlerName
                );
            }
            else
            {
                logger.LogWarning("Provider {Provider} is disabled: {Reason}", code, provider.DisabledReason);
            }
        }

        if (providers.Count == 0)
        {
            logger.LogWarning(
                "No provider is configured under RaffsSync:Providers, so every delivery gets 404; "
                    + "check ASPNETCORE_ENVIRONMENT and the content root that holds the settings files"
            );
        }
    }

    public IReadOnlyCollection<WebhookProvider> All => providers.Values;

    /// <summary>Finds a configured provider, enabled or not.</summary>
    public bool TryGet(string code, out WebhookProvider provider) => providers.TryGetValue(code, out provider!);

    private static WebhookProvider Resolve(
        string code,
        ProviderOptions configured,
        WebhookHandler handler,
        Dictionary<string, IVerificationScheme> schemesByName
    )
    {
        if (!RouteNames.IsValidProvider(code))
        {
            throw new ProviderConfigurationException(
                code,
                "",
                "is not a valid provider code: use ^[a-z0-9][a-z0-9-]{0,31}$."
            );
        }

        var options = BuiltInProviderDefaults.Apply(code, configured);
        ProviderSettingTypes.CheckBucket($"RaffsSync:Providers:{code}:RateLimit", options.RateLimit);
        var schemeName = options.Verification.Scheme;
        if (string.IsNullOrWhiteSpace(schemeName))
        {
            throw new ProviderConfigurationException(code, "Verification:Scheme", "is missing.");
        }

        if (!VerificationSchemeNames.All.Contains(schemeName))
        {
            var known = string.Join(", ", VerificationSchemeNames.All);
            throw new ProviderConfigurationException(
                code,
                "Verification:Scheme",
                $"'{schemeName}' is unknown; use one of {known}."
            );
        }

        var enabled = options.Enabled ?? true;
        string? disabledReason = enabled ? null : "Enabled is false.";
        IWebhookVerifier verifier = new RejectingVerifier();
        if (!schemesByName.TryGetValue(schemeName, out var scheme))
        {
            enabled = false;
            disabledReason = $"scheme '{schemeName}' is not available in this build.";
        }
        else if (enabled)
        {
            verifier = scheme.Create(code, options.Verification);
            handler.ValidateSettings(code, options);
        }

        return new WebhookProvider
        {
            Code = code,
            Enabled = enabled,
            DisabledReason = disabledReason,
            Scheme = schemeName,
            Verifier = verifier,
            Handler = handler,
            MaxBodyBytes = ReadMaxBodyBytes(code, options),
            MediaTypes = ReadMediaTypes(options),
            EventId = options.EventId,
            EventType = options.EventType,
            Processing = options.Processing ?? ProcessingMode.Queued,
            DuplicateStatus = ReadDuplicateStatus(code, options),
            AllowedSources = ReadAllowedSources(code, options.Verification),
            AllowedDatabaseIds = options.AllowedDatabaseIds.ToHashSet(),
            StoredHeaders = ReadStoredHeaders(options),
            RedactedHeaders = ReadRedactedHeaders(options.Verification),
            RateLimit = options.RateLimit,
        };
    }

    private static long ReadMaxBodyBytes(string code, ProviderOptions options)
    {
        var value = options.MaxBodyBytes ?? WebhookProvider.DefaultMaxBodyBytes;
        if (value is <= 0 or > int.MaxValue)
        {
            throw new ProviderConfigurationException(code, "MaxBodyBytes", "must be between 1 and 2147483647 bytes.");
        }

        return value;
    }

    private static HashSet<string> ReadMediaTypes(ProviderOptions options)
    {
        var mediaTypes = options.MediaTypes.Count == 0 ? ["application/json"] : options.MediaTypes;
        return mediaTypes.Select(type => type.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
    }

    private static int ReadDuplicateStatus(string code, ProviderOptions options)
    {
        var status = options.DuplicateStatus ?? 409;
        if (status is not (409 or 200))
        {
            throw new ProviderConfigurationException(code, "DuplicateStatus", "must be 409 or 200.");
        }

        return status;
    }

    private static List<IPNetwork> ReadAllowedSources(string code, VerificationOptions options)
    {
        var networks = new List<IPNetwork>(options.AllowedSources.Count);
        for (var i = 0; i < options.AllowedSources.Count; i++)
        {
            var text = options.AllowedSources[i].Trim();
            if (!IPNetwork.TryParse(text, out var network))
            {
                throw new ProviderConfigurationException(
                    code,
                    $"Verification:AllowedSources:{i}",
                    $"'{text}' is not a valid CIDR block such as 203.0.113.0/24 or 2001:db8::/32."
                );
            }

            networks.Add(network);
        }

        return networks;
    }

    private static HashSet<string> ReadStoredHeaders(ProviderOptions options)
    {
        var names = new HashSet<string>(StoredHeaders.DefaultAllowed, StringComparer.Ordinal);
        foreach (
            var name in new[] { options.EventId.Header, options.EventType.Header, options.Verification.TimestampHeader }
        )
        {
            if (!string.IsNullOrEmpty(name))
            {
                names.Add(name.ToLowerInvariant());
            }
        }

        return names;
    }

    private static HashSet<string> ReadRedactedHeaders(VerificationOptions options)
    {
        var names = new HashSet<string>(StoredHeaders.DefaultRedacted, StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(options.Header))
        {
            names.Add(options.Header.ToLowerInvariant());
        }

        return names;
    }

    /// <summary>The verifier of a disabled provider; the pipeline stops before reaching it.</summary>
    private sealed class RejectingVerifier : IWebhookVerifier
    {
        public ValueTask<VerificationResult> VerifyAsync(
            ReceiveWebhookCommand command,
            CancellationToken cancellationToken
        ) => ValueTask.FromResult(VerificationResult.Forbidden(VerificationReasons.ProviderDisabled));
    }
}
