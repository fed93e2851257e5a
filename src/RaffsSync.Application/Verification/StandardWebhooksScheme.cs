using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Webhooks;

namespace RaffsSync.Application.Verification;

/// <summary>
/// Standard Webhooks (also Svix): <c>webhook-signature: v1,&lt;base64 HMAC-SHA256&gt;</c> over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed by the base64 secret after <c>whsec_</c>.
/// </summary>
public sealed class StandardWebhooksScheme : IVerificationScheme
{
    /// <summary>The Standard Webhooks specification requires keys of 24 to 64 bytes.</summary>
    public const int MinKeyBytes = 24;

    public string Name => VerificationSchemeNames.StandardWebhooks;

    public IWebhookVerifier Create(string provider, VerificationOptions options)
    {
        var keys = new List<byte[]>();
        for (var i = 0; i < options.Secrets.Count; i++)
        {
            keys.Add(DecodeSecret(provider, i, options.Secrets[i]));
        }

        if (keys.Count == 0)
        {
            throw new ProviderConfigurationException(
                provider,
                "Verification:Secrets",
                "is missing: set at least one secret."
            );
        }

        var tolerance = VerificationSettings.ReadToleranceSeconds(
            provider,
            options,
            VerificationSettings.DefaultToleranceSeconds
        );
        return new StandardWebhooksVerifier(keys, tolerance);
    }

    private static byte[] DecodeSecret(string provider, int index, string secret)
    {
        var encoded = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret;
        var setting = $"Verification:Secrets:{index}";
        byte[] key;
        try
        {
            key = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw new ProviderConfigurationException(provider, setting, "is not valid base64 after the whsec_ prefix.");
        }

        if (key.Length < MinKeyBytes)
        {
            throw new ProviderConfigurationException(
                provider,
                setting,
                $"decodes to {key.Length} bytes; a standard-webhooks key needs at least {MinKeyBytes}."
            );
        }

        return key;
    }
}

internal sealed class StandardWebhooksVerifier(IReadOnlyList<byte[]> keys, int toleranceSeconds) : IWebhookVerifier
{
    /// <summary>Entries checked per header, so a header stuffed with entries cannot cost unbounded HMACs.</summary>
    private const int MaxSignatureEntries = 8;

    public ValueTask<VerificationResult> VerifyAsync(ReceiveWebhookCommand command, CancellationToken cancellationToken)
    {
        return ValueTask.FromResult(Verify(command));
    }

    private VerificationResult Verify(ReceiveWebhookCommand command)
    {
        var id = SingleHeader(command, "webhook-id", "svix-id");
        var timestamp = SingleHeader(command, "webhook-timestamp", "svix-timestamp");
        var signature = SingleHeader(command, "webhook-signature", "svix-signature");

        if (signature is null)
        {
            return VerificationResult.Unauthorized(VerificationReasons.SignatureMissing);
        }

        if (string.IsNullOrEmpty(id))
        {
            return VerificationResult.Unauthorized(VerificationReasons.SignatureMalformed);
        }

        if (timestamp is null)
        {
            return VerificationResult.Unauthorized(VerificationReasons.TimestampMissing);
        }

        if (!SignatureMath.TryParseUnixSeconds(timestamp, out var seconds) || seconds > 253_402_300_799)
        {
            return VerificationResult.Unauthorized(VerificationReasons.TimestampMalformed);
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (!SignatureMath.IsWithinWindow(signedAt, command.ReceivedAt, toleranceSeconds))
        {
            return VerificationResult.Unauthorized(VerificationReasons.TimestampOutsideWindow);
        }

        return MatchesAnySignature(id, timestamp, signature, command.Body.Span);
    }

    private VerificationResult MatchesAnySignature(string id, string timestamp, string header, ReadOnlySpan<byte> body)
    {
        var prefixLength = Encoding.UTF8.GetByteCount(id) + timestamp.Length + 2;
        var content = ArrayPool<byte>.Shared.Rent(prefixLength + body.Length);
        try
        {
            var written = Encoding.UTF8.GetBytes(id, content);
            content[written++] = (byte)'.';
            written += Encoding.ASCII.GetBytes(timestamp, content.AsSpan(written));
            content[written++] = (byte)'.';
            body.CopyTo(content.AsSpan(written));
            var signed = content.AsSpan(0, written + body.Length);

            Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes * 4];
            var keyCount = Math.Min(keys.Count, 4);
            for (var k = 0; k < keyCount; k++)
            {
                HMACSHA256.HashData(
                    keys[k],
                    signed,
                    expected.Slice(k * HMACSHA256.HashSizeInBytes, HMACSHA256.HashSizeInBytes)
                );
            }

            return CompareEntries(header, expected[..(keyCount * HMACSHA256.HashSizeInBytes)], signed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(content);
        }
    }

    private VerificationResult CompareEntries(string header, ReadOnlySpan<byte> expected, ReadOnlySpan<byte> signed)
    {
        Span<byte> presented = stackalloc byte[64];
        Span<byte> extra = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var checkedEntries = 0;
        var sawVersionOne = false;

        foreach (var range in header.AsSpan().Split(' '))
        {
            var entry = header.AsSpan()[range];
            if (entry.IsEmpty)
            {
                continue;
            }

            if (++checkedEntries > MaxSignatureEntries)
            {
                break;
            }

            // Other versions, such as the asymmetric v1a, are skipped rather than treated as errors.
            if (!entry.StartsWith("v1,"))
            {
                continue;
            }

            sawVersionOne = true;
            if (
                !SignatureMath.TryDecodeBase64(entry[3..], presented, out var length)
                || length != HMACSHA256.HashSizeInBytes
            )
            {
                continue;
            }

            var candidate = presented[..length];
            for (var offset = 0; offset < expected.Length; offset += HMACSHA256.HashSizeInBytes)
            {
                if (SignatureMath.FixedTimeEquals(candidate, expected.Slice(offset, HMACSHA256.HashSizeInBytes)))
                {
                    return VerificationResult.Success;
                }
            }

            // Keys past the fourth are rare (rotation keeps two); they are hashed only when needed.
            for (var k = 4; k < keys.Count; k++)
            {
                HMACSHA256.HashData(keys[k], signed, extra);
                if (SignatureMath.FixedTimeEquals(candidate, extra))
                {
                    return VerificationResult.Success;
                }
            }
        }

        return VerificationResult.Unauthorized(
            sawVersionOne ? VerificationReasons.SignatureInvalid : VerificationReasons.SignatureMalformed
        );
    }

    /// <summary>Reads a header by either name; a repeated header counts as malformed and yields an empty value.</summary>
    private static string? SingleHeader(ReceiveWebhookCommand command, string name, string alternative)
    {
        if (!command.Headers.TryGetValue(name, out var values) && !command.Headers.TryGetValue(alternative, out values))
        {
            return null;
        }

        return values.Count == 1 ? values[0] ?? string.Empty : string.Empty;
    }
}
