using RaffsSync.Application.Webhooks;

namespace RaffsSync.Application.Verification;

/// <summary>
/// Checks the credentials of one provider's deliveries, with its secrets already decoded.
/// </summary>
/// <remarks>
/// Implementations compare in constant time, over the body bytes exactly as received, and return failures as
/// results: a verifier throws only for a bug, never for a bad request.
/// </remarks>
public interface IWebhookVerifier
{
    ValueTask<VerificationResult> VerifyAsync(ReceiveWebhookCommand command, CancellationToken cancellationToken);
}

/// <summary>
/// A verification scheme by name (such as <c>standard-webhooks</c>): validates a provider's settings at start-up
/// and builds its verifier. Register one per scheme to add a scheme.
/// </summary>
public interface IVerificationScheme
{
    string Name { get; }

    /// <summary>Builds a verifier, or throws <see cref="Configuration.ProviderConfigurationException"/>.</summary>
    IWebhookVerifier Create(string provider, Configuration.VerificationOptions options);
}
