namespace RaffsSync.Application.Verification;

/// <summary>
/// Every scheme name a provider may configure. A name outside this list fails start-up.
/// </summary>
public static class VerificationSchemeNames
{
    public const string StandardWebhooks = "standard-webhooks";
    public const string Hmac = "hmac";
    public const string Stripe = "stripe";
    public const string ISeller = "iseller";
    public const string Token = "token";
    public const string Basic = "basic";
    public const string Jwt = "jwt";

    public static IReadOnlyList<string> All { get; } = [StandardWebhooks, Hmac, Stripe, ISeller, Token, Basic, Jwt];
}
