using System.Security.Cryptography;
using System.Text;
using RaffsSync.Application.Configuration;

namespace RaffsSync.Application.Verification;

/// <summary>
/// A configurable HMAC signature, which covers GitHub, Shopify, Slack and many in-house senders: the HMAC
/// (<c>Algorithm</c>: SHA256 by default, SHA1 or SHA512) of the raw body, or of the <c>SignedContent</c>
/// template, sent in <c>Header</c> after an optional <c>Prefix</c>, as <c>Encoding</c> hex (default) or
/// base64. With a <c>TimestampHeader</c>, the timestamp must be Unix seconds within <c>ToleranceSeconds</c>.
/// </summary>
/// <remarks>
/// A timestamp header whose value is not in the template still rejects stale deliveries, but anyone replaying
/// a delivery can change it, so only <c>{timestamp}</c> in the template protects against replays. The key is
/// the UTF-8 bytes of each configured secret.
/// </remarks>
public sealed class HmacScheme : IVerificationScheme
{
    public string Name => VerificationSchemeNames.Hmac;

    public IWebhookVerifier Create(string provider, VerificationOptions options)
    {
        var secrets = VerificationSettings.RequireSecrets(provider, options, "signing secret");
        var header = VerificationSettings.Require(
            provider,
            "Verification:Header",
            options.Header,
            "the header that carries the signature, such as X-Hub-Signature-256"
        );
        var algorithm = ReadAlgorithm(provider, options.Algorithm);
        var base64 = ReadIsBase64(provider, options.Encoding);
        var template = SignedContentTemplate.Parse(provider, options.SignedContent);
        var timestampHeader = string.IsNullOrWhiteSpace(options.TimestampHeader) ? null : options.TimestampHeader;

        if (template.HasTimestamp && timestampHeader is null)
        {
            throw new ProviderConfigurationException(
                provider,
                "Verification:TimestampHeader",
                "is missing: Verification:SignedContent uses {timestamp}, so set the header that carries it."
            );
        }

        var tolerance = VerificationSettings.ReadToleranceSeconds(
            provider,
            options,
            VerificationSettings.DefaultToleranceSeconds
        );
        var keys = secrets.Select(Encoding.UTF8.GetBytes).ToList();
        var format = new HmacSignatureFormat(header, options.Prefix ?? string.Empty, base64, algorithm);
        return new HmacVerifier(keys, format, template, timestampHeader, tolerance);
    }

    private static HashAlgorithmName ReadAlgorithm(string provider, string? value)
    {
        var normalized = (value ?? "SHA256").Replace("-", string.Empty, StringComparison.Ordinal).Trim();
        return normalized.ToUpperInvariant() switch
        {
            "SHA256" => HashAlgorithmName.SHA256,
            "SHA1" => HashAlgorithmName.SHA1,
            "SHA512" => HashAlgorithmName.SHA512,
            _ => throw new ProviderConfigurationException(
                provider,
                "Verification:Algorithm",
                $"'{value}' is not supported: use SHA256 (the default), SHA1 or SHA512."
            ),
        };
    }

    private static bool ReadIsBase64(string provider, string? value)
    {
        return (value ?? "hex").Trim().ToUpperInvariant() switch
        {
            "HEX" => false,
            "BASE64" => true,
            _ => throw new ProviderConfigurationException(
                provider,
                "Verification:Encoding",
                $"'{value}' is not supported: use hex (the default) or base64."
            ),
        };
    }
}

/// <summary>
/// Where and how an <c>hmac</c> sender writes its signature. <see cref="Prefix"/> is the text before it, such as
/// <c>sha256=</c>, compared ignoring case.
/// </summary>
internal sealed record HmacSignatureFormat(string Header, string Prefix, bool Base64, HashAlgorithmName Algorithm)
{
    public int HashSize { get; } =
        Algorithm == HashAlgorithmName.SHA1 ? SHA1.HashSizeInBytes
        : Algorithm == HashAlgorithmName.SHA512 ? SHA512.HashSizeInBytes
        : SHA256.HashSizeInBytes;
}
