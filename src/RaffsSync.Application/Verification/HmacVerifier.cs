using System.Buffers;
using System.Security.Cryptography;
using RaffsSync.Application.Webhooks;

namespace RaffsSync.Application.Verification;

internal sealed class HmacVerifier(
    IReadOnlyList<byte[]> keys,
    HmacSignatureFormat format,
    SignedContentTemplate template,
    string? timestampHeader,
    int toleranceSeconds
) : IWebhookVerifier
{
    public ValueTask<VerificationResult> VerifyAsync(ReceiveWebhookCommand command, CancellationToken cancellationToken)
    {
        return ValueTask.FromResult(Verify(command));
    }

    private VerificationResult Verify(ReceiveWebhookCommand command)
    {
        if (!command.Headers.TryGetValue(format.Header, out var signatureValues))
        {
            return VerificationResult.Unauthorized(VerificationReasons.SignatureMissing);
        }

        if (signatureValues.Count != 1)
        {
            return VerificationResult.Unauthorized(VerificationReasons.SignatureMalformed);
        }

        var timestamp = string.Empty;
        if (timestampHeader is not null)
        {
            var timestampCheck = CheckTimestamp(command, out timestamp);
            if (!timestampCheck.Succeeded)
            {
                return timestampCheck;
            }
        }

        Span<byte> presented = stackalloc byte[SHA512.HashSizeInBytes];
        if (!TryDecodeSignature(signatureValues[0], presented, out var length) || length != format.HashSize)
        {
            return VerificationResult.Unauthorized(VerificationReasons.SignatureMalformed);
        }

        return MatchesAnyKey(presented[..length], timestamp, command.Body.Span)
            ? VerificationResult.Success
            : VerificationResult.Unauthorized(VerificationReasons.SignatureInvalid);
    }

    private VerificationResult CheckTimestamp(ReceiveWebhookCommand command, out string timestamp)
    {
        timestamp = string.Empty;
        if (!command.Headers.TryGetValue(timestampHeader!, out var values))
        {
            return VerificationResult.Unauthorized(VerificationReasons.TimestampMissing);
        }

        if (values.Count != 1 || !SignatureMath.TryParseUnixTime(values[0], out var signedAt))
        {
            return VerificationResult.Unauthorized(VerificationReasons.TimestampMalformed);
        }

        if (!SignatureMath.IsWithinWindow(signedAt, command.ReceivedAt, toleranceSeconds))
        {
            return VerificationResult.Unauthorized(VerificationReasons.TimestampOutsideWindow);
        }

        timestamp = values[0]!;
        return VerificationResult.Success;
    }

    private bool TryDecodeSignature(string? value, Span<byte> destination, out int length)
    {
        length = 0;
        var text = (value ?? string.Empty).AsSpan().Trim();
        if (!text.StartsWith(format.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        text = text[format.Prefix.Length..];
        if (text.IsEmpty)
        {
            return false;
        }

        return format.Base64
            ? SignatureMath.TryDecodeBase64(text, destination, out length)
            : SignatureMath.TryDecodeHex(text, destination, out length);
    }

    private bool MatchesAnyKey(ReadOnlySpan<byte> presented, string timestamp, ReadOnlySpan<byte> body)
    {
        var content = template.Render(timestamp, body, out var length);
        try
        {
            Span<byte> expected = stackalloc byte[SHA512.HashSizeInBytes];
            var matched = false;
            foreach (var key in keys)
            {
                var written = CryptographicOperations.HmacData(
                    format.Algorithm,
                    key,
                    content.AsSpan(0, length),
                    expected
                );

                // Every key is checked, so the time taken does not tell which one matched.
                matched |= SignatureMath.FixedTimeEquals(presented, expected[..written]);
            }

            return matched;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(content);
        }
    }
}
