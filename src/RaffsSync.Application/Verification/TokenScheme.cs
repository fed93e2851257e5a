using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Webhooks;

namespace RaffsSync.Application.Verification;

/// <summary>
/// A static shared token for senders that cannot sign, read from a query parameter (<c>QueryParameter</c>) or a
/// header (<c>Header</c>, with an optional <c>Prefix</c> such as <c>Bearer </c>).
/// </summary>
public sealed class TokenScheme : IVerificationScheme
{
    public string Name => VerificationSchemeNames.Token;

    public IWebhookVerifier Create(string provider, VerificationOptions options)
    {
        if (options.Secrets.Count == 0 || options.Secrets.Exists(string.IsNullOrEmpty))
        {
            throw new ProviderConfigurationException(
                provider,
                "Verification:Secrets",
                "is missing: set at least one non-empty token."
            );
        }

        var hasHeader = !string.IsNullOrEmpty(options.Header);
        var hasQuery = !string.IsNullOrEmpty(options.QueryParameter);
        if (hasHeader == hasQuery)
        {
            throw new ProviderConfigurationException(
                provider,
                "Verification:Header",
                "or Verification:QueryParameter must be set, and only one of them."
            );
        }

        var digests = options.Secrets.Select(secret => SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToList();
        return new TokenVerifier(digests, options.Header, options.QueryParameter, options.Prefix ?? string.Empty);
    }
}

internal sealed class TokenVerifier(
    IReadOnlyList<byte[]> tokenDigests,
    string? header,
    string? queryParameter,
    string prefix
) : IWebhookVerifier
{
    public ValueTask<VerificationResult> VerifyAsync(ReceiveWebhookCommand command, CancellationToken cancellationToken)
    {
        return ValueTask.FromResult(Verify(command));
    }

    private VerificationResult Verify(ReceiveWebhookCommand command)
    {
        StringValues values;
        var found = header is not null
            ? command.Headers.TryGetValue(header, out values)
            : command.Query.TryGetValue(queryParameter!, out values);
        if (!found || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return VerificationResult.Unauthorized(VerificationReasons.CredentialsMissing);
        }

        if (values.Count > 1)
        {
            return VerificationResult.Unauthorized(VerificationReasons.SignatureMalformed);
        }

        var presented = values[0]!;
        if (!presented.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return VerificationResult.Unauthorized(VerificationReasons.CredentialsInvalid);
        }

        var token = Encoding.UTF8.GetBytes(presented[prefix.Length..]);
        var matched = false;
        foreach (var digest in tokenDigests)
        {
            matched |= SignatureMath.FixedTimeEqualsAnyLength(token, digest);
        }

        return matched
            ? VerificationResult.Success
            : VerificationResult.Unauthorized(VerificationReasons.CredentialsInvalid);
    }
}
