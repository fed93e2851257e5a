using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Webhooks;

namespace RaffsSync.Application.Verification;

/// <summary>
/// Stripe: <c>Stripe-Signature: t=&lt;Unix seconds&gt;,v1=&lt;hex&gt;[,v1=…]</c>, each <c>v1</c> an
/// HMAC-SHA256 over <c>{t}.{body}</c> keyed by the whole secret string, <c>whsec_</c> prefix included.
/// Entries of other schemes, such as <c>v0</c>, are ignored.
/// </summary>
public sealed class StripeScheme : IVerificationScheme
{
    public const string DefaultHeader = "Stripe-Signature";

    public string Name => VerificationSchemeNames.Stripe;

    public IWebhookVerifier Create(string provider, VerificationOptions options)
    {
        var secrets = VerificationSettings.RequireSecrets(provider, options, "endpoint signing secret (whsec_…)");
        var tolerance = VerificationSettings.ReadToleranceSeconds(
            provider,
            options,
            VerificationSettings.DefaultToleranceSeconds
        );
        var header = string.IsNullOrWhiteSpace(options.Header) ? DefaultHeader : options.Header.Trim();
        return new StripeVerifier(secrets.Select(Encoding.UTF8.GetBytes).ToList(), header, tolerance);
    }
}

internal sealed class StripeVerifier(IReadOnlyList<byte[]> keys, string header, int toleranceSeconds) : IWebhookVerifier
{
    /// <summary>
    /// <c>v1</c> entries checked per header, so a header stuffed with entries cannot cost unbounded work.
    /// </summary>
    public const int MaxSignatureEntries = 8;

    public ValueTask<VerificationResult> VerifyAsync(ReceiveWebhookCommand command, CancellationToken cancellationToken)
    {
        return ValueTask.FromResult(Verify(command));
    }

    private VerificationResult Verify(ReceiveWebhookCommand command)
    {
        if (!command.Headers.TryGetValue(header, out var values))
        {
            return VerificationResult.Unauthorized(VerificationReasons.SignatureMissing);
        }

        if (values.Count != 1 || !StripeSignatureHeader.TryParse(values[0], out var parsed))
        {
            return VerificationResult.Unauthorized(VerificationReasons.SignatureMalformed);
        }

        if (parsed.Timestamp is null)
        {
            return VerificationResult.Unauthorized(VerificationReasons.TimestampMissing);
        }

        if (!SignatureMath.TryParseUnixTime(parsed.Timestamp, out var signedAt))
        {
            return VerificationResult.Unauthorized(VerificationReasons.TimestampMalformed);
        }

        if (!SignatureMath.IsWithinWindow(signedAt, command.ReceivedAt, toleranceSeconds))
        {
            return VerificationResult.Unauthorized(VerificationReasons.TimestampOutsideWindow);
        }

        if (parsed.Signatures.Count == 0)
        {
            return VerificationResult.Unauthorized(VerificationReasons.SignatureMissing);
        }

        return MatchesAnySignature(parsed, command.Body.Span);
    }

    private VerificationResult MatchesAnySignature(StripeSignatureHeader parsed, ReadOnlySpan<byte> body)
    {
        var prefixLength = parsed.Timestamp!.Length + 1;
        var content = ArrayPool<byte>.Shared.Rent(prefixLength + body.Length);
        try
        {
            Encoding.ASCII.GetBytes(parsed.Timestamp, content);
            content[prefixLength - 1] = (byte)'.';
            body.CopyTo(content.AsSpan(prefixLength));
            var signed = content.AsSpan(0, prefixLength + body.Length);

            var expected = new byte[keys.Count][];
            for (var k = 0; k < keys.Count; k++)
            {
                expected[k] = HMACSHA256.HashData(keys[k], signed);
            }

            return CompareEntries(parsed.Signatures, expected);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(content);
        }
    }

    private static VerificationResult CompareEntries(IReadOnlyList<string> signatures, byte[][] expected)
    {
        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var anyWellFormed = false;
        var matched = false;
        var count = Math.Min(signatures.Count, MaxSignatureEntries);
        for (var i = 0; i < count; i++)
        {
            var hex = signatures[i].AsSpan();
            if (hex.Length != HMACSHA256.HashSizeInBytes * 2 || !SignatureMath.TryDecodeHex(hex, presented, out _))
            {
                continue;
            }

            anyWellFormed = true;
            foreach (var key in expected)
            {
                matched |= SignatureMath.FixedTimeEquals(presented, key);
            }
        }

        if (matched)
        {
            return VerificationResult.Success;
        }

        return VerificationResult.Unauthorized(
            anyWellFormed ? VerificationReasons.SignatureInvalid : VerificationReasons.SignatureMalformed
        );
    }
}
