using System.Security.Cryptography;
using System.Text;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Webhooks;

namespace RaffsSync.Application.Verification;

/// <summary>
/// HTTP Basic credentials (RFC 7617) in <c>Authorization</c>; each secret is <c>user:password</c>, and the
/// user-id and password are compared together as UTF-8 bytes, case-sensitively.
/// </summary>
public sealed class BasicScheme : IVerificationScheme
{
    public string Name => VerificationSchemeNames.Basic;

    public IWebhookVerifier Create(string provider, VerificationOptions options)
    {
        var secrets = VerificationSettings.RequireSecrets(provider, options, "user:password pair");
        for (var i = 0; i < secrets.Count; i++)
        {
            var colon = secrets[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == secrets[i].Length - 1)
            {
                throw new ProviderConfigurationException(
                    provider,
                    $"Verification:Secrets:{i}",
                    "must be user:password with a non-empty user and password."
                );
            }
        }

        var digests = secrets.Select(secret => SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToList();
        return new BasicVerifier(digests);
    }
}

internal sealed class BasicVerifier(IReadOnlyList<byte[]> credentialDigests) : IWebhookVerifier
{
    /// <summary>Longest base64 credential decoded, in characters; a longer one is malformed.</summary>
    private const int MaxEncodedLength = 1024;

    private const string SchemePrefix = "Basic ";

    public ValueTask<VerificationResult> VerifyAsync(ReceiveWebhookCommand command, CancellationToken cancellationToken)
    {
        return ValueTask.FromResult(Verify(command));
    }

    private VerificationResult Verify(ReceiveWebhookCommand command)
    {
        if (
            !command.Headers.TryGetValue("Authorization", out var values)
            || values.Count == 0
            || string.IsNullOrEmpty(values[0])
        )
        {
            return VerificationResult.Unauthorized(VerificationReasons.CredentialsMissing);
        }

        var value = values[0]!;
        if (values.Count != 1 || !value.StartsWith(SchemePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return VerificationResult.Unauthorized(VerificationReasons.CredentialsMalformed);
        }

        var encoded = value.AsSpan(SchemePrefix.Length).Trim();
        Span<byte> decoded = stackalloc byte[MaxEncodedLength];
        if (
            encoded.IsEmpty
            || encoded.Length > MaxEncodedLength
            || !SignatureMath.TryDecodeBase64(encoded, decoded, out var length)
            || decoded[..length].IndexOf((byte)':') < 0
        )
        {
            return VerificationResult.Unauthorized(VerificationReasons.CredentialsMalformed);
        }

        var matched = false;
        foreach (var digest in credentialDigests)
        {
            // Every pair is checked, so the time taken does not tell which one matched.
            matched |= SignatureMath.FixedTimeEqualsAnyLength(decoded[..length], digest);
        }

        return matched
            ? VerificationResult.Success
            : VerificationResult.Unauthorized(VerificationReasons.CredentialsInvalid);
    }
}
