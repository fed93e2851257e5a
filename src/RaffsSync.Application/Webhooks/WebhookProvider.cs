using System.Net;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Verification;

namespace RaffsSync.Application.Webhooks;

/// <summary>
/// A provider's effective settings, resolved and validated at start-up: defaults applied, secrets decoded.
/// </summary>
public sealed class WebhookProvider
{
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    public required string Code { get; init; }

    public required bool Enabled { get; init; }

    /// <summary>Why the provider is disabled, for the start-up warning.</summary>
    public string? DisabledReason { get; init; }

    public required string Scheme { get; init; }

    public required IWebhookVerifier Verifier { get; init; }

    public required WebhookHandler Handler { get; init; }

    public required long MaxBodyBytes { get; init; }

    /// <summary>Accepted media types, lower case, without parameters.</summary>
    public required IReadOnlySet<string> MediaTypes { get; init; }

    public required EventSelectorOptions EventId { get; init; }

    public required EventSelectorOptions EventType { get; init; }

    public required ProcessingMode Processing { get; init; }

    public required int DuplicateStatus { get; init; }

    public IReadOnlyList<IPNetwork> AllowedSources { get; init; } = [];

    public IReadOnlySet<long> AllowedDatabaseIds { get; init; } = new HashSet<long>();

    /// <summary>Header names kept in storage as sent; any other header is dropped.</summary>
    public required IReadOnlySet<string> StoredHeaders { get; init; }

    /// <summary>Header names kept in storage with the value replaced by a marker.</summary>
    public required IReadOnlySet<string> RedactedHeaders { get; init; }

    public RateLimitOptions RateLimit { get; init; } = new();
}
