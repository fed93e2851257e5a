using Mediator;
using RaffsSync.Application.Verification;

namespace RaffsSync.Application.Webhooks;

/// <summary>
/// First step: rejects a delivery from a source outside the provider's allow-list (403) or whose credentials
/// fail the provider's scheme (401), before anything reads the payload.
/// </summary>
public sealed class SignatureVerificationBehavior : IPipelineBehavior<ReceiveWebhookCommand, WebhookResult>
{
    public async ValueTask<WebhookResult> Handle(
        ReceiveWebhookCommand message,
        MessageHandlerDelegate<ReceiveWebhookCommand, WebhookResult> next,
        CancellationToken cancellationToken
    )
    {
        var provider = message.Provider;
        if (!provider.Enabled)
        {
            return WebhookResult.Rejected(403, VerificationReasons.ProviderDisabled, "This provider is disabled.");
        }

        if (provider.AllowedSources.Count > 0 && !IsAllowedSource(message))
        {
            return WebhookResult.Rejected(
                403,
                VerificationReasons.SourceNotAllowed,
                "The source address is not allowed."
            );
        }

        var verification = await provider.Verifier.VerifyAsync(message, cancellationToken);
        if (!verification.Succeeded)
        {
            var detail =
                verification.StatusCode == 403
                    ? "The credentials are valid but not allowed here."
                    : "The credentials or signature are missing, malformed or wrong.";
            return WebhookResult.Rejected(verification.StatusCode, verification.Reason ?? "unauthorized", detail);
        }

        return await next(message, cancellationToken);
    }

    private static bool IsAllowedSource(ReceiveWebhookCommand message)
    {
        if (message.RemoteAddress is not { } address)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in message.Provider.AllowedSources)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
