using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Webhooks;

namespace RaffsSync.Application.Verification;

/// <summary>
/// iSeller, as an integrator's notes describe it (not the vendor's public documentation): header
/// <c>Signature</c> is the hex SHA-256, a plain hash rather than an HMAC, of <c>secret + body + Timestamp</c>,
/// where <c>Timestamp</c> is an ISO-8601 header.
/// </summary>
public sealed class ISellerScheme : IVerificationScheme
{
    public string Name => VerificationSchemeNames.ISeller;

    public IWebhookVerifier Create(string provider, VerificationOptions options)
    {
        if (options.Secrets.Count == 0 || options.Secrets.Exists(string.IsNullOrEmpty))
        {
            throw new ProviderConfigurationException(
                provider,
                "Verification:Secrets",
                "is missing: set at least one non-empty API key."
            );
        }

        var secrets = options.Secrets.Select(Encoding.UTF8.GetBytes).ToList();
        return new ISellerVerifier(
            secrets,
            options.Header ?? "Signature",
            options.TimestampHeader ?? "Timestamp",
            VerificationSettings.ReadToleranceSeconds(provider, options, VerificationSettings.DefaultToleranceSeconds)
        );
    }
}

internal sealed partial class ISellerVerifier(
    IReadOnlyList<byte[]> secrets,
    string signatureHeader,
    string timestampHeader,
    int toleranceSeconds
) : IWebhookVerifier
{
    public ValueTask<VerificationResult> VerifyAsync(ReceiveWebhookCommand command, CancellationToken cancellationToken)
    {
        return ValueTask.FromResult(Verify(command));
    }

    private VerificationResult Verify(ReceiveWebhookCommand command)
    {
        if (!command.Headers.TryGetValue(signatureHeader, out var signatureValues))
        {
            return VerificationResult.Unauthorized(VerificationReasons.SignatureMissing);
        }

        if (!command.Headers.TryGetValue(timestampHeader, out var timestampValues))
        {
            return VerificationResult.Unauthorized(VerificationReasons.TimestampMissing);
        }

        if (signatureValues.Count != 1 || timestampValues.Count != 1)
        {
            return VerificationResult.Unauthorized(VerificationReasons.SignatureMalformed);
        }

        var timestamp = timestampValues[0] ?? string.Empty;
        if (!TryParseIso8601(timestamp, out var signedAt))
        {
            return VerificationResult.Unauthorized(VerificationReasons.TimestampMalformed);
        }

        if (!SignatureMath.IsWithinWindow(signedAt, command.ReceivedAt, toleranceSeconds))
        {
            return VerificationResult.Unauthorized(VerificationReasons.TimestampOutsideWindow);
        }

        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        var hex = (signatureValues[0] ?? string.Empty).AsSpan().Trim();
        if (hex.Length != SHA256.HashSizeInBytes * 2 || !SignatureMath.TryDecodeHex(hex, presented, out _))
        {
            return VerificationResult.Unauthorized(VerificationReasons.SignatureMalformed);
        }

        return MatchesAnySecret(presented, command.Body.Span, timestamp)
            ? VerificationResult.Success
            : VerificationResult.Unauthorized(VerificationReasons.SignatureInvalid);
    }

    /// <summary>
    /// Parses an ISO-8601 date and time with seconds, up to 7 fraction digits and a zone (<c>Z</c> or an offset),
    /// such as <c>2026-12-04T12:00:00.0004476Z</c>. Other formats that .NET would also accept are malformed here.
    /// </summary>
    internal static bool TryParseIso8601(string value, out DateTimeOffset parsed)
    {
        parsed = default;
        return value.Length <= 40
            && Iso8601Pattern().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out parsed);
    }

    [System.Text.RegularExpressions.GeneratedRegex(
        @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})\z",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant
    )]
    private static partial System.Text.RegularExpressions.Regex Iso8601Pattern();

    private bool MatchesAnySecret(ReadOnlySpan<byte> presented, ReadOnlySpan<byte> body, string timestamp)
    {
        var timestampLength = Encoding.UTF8.GetByteCount(timestamp);
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        var matched = false;

        foreach (var secret in secrets)
        {
            var content = ArrayPool<byte>.Shared.Rent(secret.Length + body.Length + timestampLength);
            try
            {
                secret.CopyTo(content, 0);
                body.CopyTo(content.AsSpan(secret.Length));
                Encoding.UTF8.GetBytes(timestamp, content.AsSpan(secret.Length + body.Length));
                SHA256.HashData(content.AsSpan(0, secret.Length + body.Length + timestampLength), expected);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(content);
            }

            // Every secret is checked, so the time taken does not tell which one matched.
            matched |= SignatureMath.FixedTimeEquals(presented, expected);
        }

        return matched;
    }
}
