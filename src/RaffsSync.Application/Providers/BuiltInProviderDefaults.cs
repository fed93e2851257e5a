using RaffsSync.Application.Configuration;
using RaffsSync.Application.Providers.Accurate;
using RaffsSync.Application.Providers.ISeller;
using RaffsSync.Application.Providers.TakeApp;
using RaffsSync.Application.Verification;

namespace RaffsSync.Application.Providers;

/// <summary>
/// Defaults of the built-in providers, applied where their settings leave a value unset.
/// </summary>
internal static class BuiltInProviderDefaults
{
    public static ProviderOptions Apply(string code, ProviderOptions options)
    {
        var verification = options.Verification;
        switch (code)
        {
            case TakeAppWebhookHandler.Code:
                verification.Scheme ??= VerificationSchemeNames.StandardWebhooks;
                options.EventId.Header ??= "webhook-id";
                options.EventType.JsonPointer ??= "/type";
                break;
            case ISellerWebhookHandler.Code:
                verification.Scheme ??= VerificationSchemeNames.ISeller;
                options.EventId.Header ??= "X-Event-Id";
                break;
            case AccurateWebhookHandler.Code:
                verification.Scheme ??= VerificationSchemeNames.Token;
                if (verification.Header is null)
                {
                    verification.QueryParameter ??= "token";
                }

                break;
        }

        return options;
    }
}
