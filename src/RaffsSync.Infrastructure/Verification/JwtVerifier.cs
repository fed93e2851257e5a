using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RaffsSync.Application.Verification;
using RaffsSync.Application.Webhooks;

namespace RaffsSync.Infrastructure.Verification;

internal sealed class JwtVerifier(JwksKeySource keySource, string issuer, string audience, TimeSpan clockSkew)
    : IWebhookVerifier
{
    /// <summary>Longest token read, in characters; a longer one is malformed.</summary>
    public const int MaxTokenLength = 16 * 1024;

    private const string BearerPrefix = "Bearer ";

    /// <summary>
    /// Asymmetric algorithms only. <c>none</c> and HMAC (HS256 and others) are rejected before the key lookup,
    /// so a token signed with a public RSA key used as an HMAC secret never reaches a signature check.
    /// </summary>
    private static readonly HashSet<string> AllowedAlgorithms =
    [
        SecurityAlgorithms.RsaSha256,
        SecurityAlgorithms.RsaSha384,
        SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256,
        SecurityAlgorithms.RsaSsaPssSha384,
        SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256,
        SecurityAlgorithms.EcdsaSha384,
        SecurityAlgorithms.EcdsaSha512,
    ];

    private static readonly JsonWebTokenHandler Handler = new() { MaximumTokenSizeInBytes = MaxTokenLength };

    public async ValueTask<VerificationResult> VerifyAsync(
        ReceiveWebhookCommand command,
        CancellationToken cancellationToken
    )
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
        if (values.Count != 1 || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return VerificationResult.Unauthorized(VerificationReasons.CredentialsMalformed);
        }

        var token = value[BearerPrefix.Length..].Trim();
        if (token.Length is 0 or > MaxTokenLength || !TryRead(token, out var jwt))
        {
            return VerificationResult.Unauthorized(VerificationReasons.CredentialsMalformed);
        }

        if (!AllowedAlgorithms.Contains(jwt.Alg))
        {
            return VerificationResult.Unauthorized(VerificationReasons.AlgorithmNotAllowed);
        }

        var keys = await keySource.GetKeysAsync(cancellationToken);
        if (!HasKey(keys, jwt.Kid) && keySource.CanRefresh)
        {
            keys = await keySource.RefreshForUnknownKeyAsync(cancellationToken);
        }

        if (!HasKey(keys, jwt.Kid))
        {
            return VerificationResult.Unauthorized(VerificationReasons.SigningKeyUnknown);
        }

        var result = await Handler.ValidateTokenAsync(jwt, CreateParameters(keys));
        if (!result.IsValid)
        {
            return VerificationResult.Unauthorized(ReasonFor(result.Exception));
        }

        return CheckLifetime(jwt, command.ReceivedAt);
    }

    private static bool TryRead(string token, out JsonWebToken jwt)
    {
        jwt = null!;
        if (!Handler.CanReadToken(token))
        {
            return false;
        }

        try
        {
            jwt = new JsonWebToken(token);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A token without a key id may be signed by any key in the set.</summary>
    private static bool HasKey(IReadOnlyList<SecurityKey> keys, string? keyId) =>
        string.IsNullOrEmpty(keyId) || keys.Any(key => string.Equals(key.KeyId, keyId, StringComparison.Ordinal));

    private TokenValidationParameters CreateParameters(IReadOnlyList<SecurityKey> keys) =>
        new()
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            IssuerSigningKeys = keys,
            ValidAlgorithms = AllowedAlgorithms,
            RequireSignedTokens = true,

            // The lifetime is checked against the request's received time in CheckLifetime, not the wall clock.
            ValidateLifetime = false,
        };

    /// <summary>Requires <c>exp</c>; checks <c>exp</c> and an optional <c>nbf</c> with the clock skew.</summary>
    private VerificationResult CheckLifetime(JsonWebToken jwt, DateTimeOffset now)
    {
        if (!jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out _))
        {
            return VerificationResult.Unauthorized(VerificationReasons.CredentialsInvalid);
        }

        if (now.UtcDateTime > jwt.ValidTo + clockSkew)
        {
            return VerificationResult.Unauthorized(VerificationReasons.TokenExpired);
        }

        if (jwt.ValidFrom != DateTime.MinValue && now.UtcDateTime < jwt.ValidFrom - clockSkew)
        {
            return VerificationResult.Unauthorized(VerificationReasons.TokenNotYetValid);
        }

        return VerificationResult.Success;
    }

    private static string ReasonFor(Exception? exception) =>
        exception switch
        {
            SecurityTokenInvalidIssuerException => VerificationReasons.IssuerInvalid,
            SecurityTokenInvalidAudienceException => VerificationReasons.AudienceInvalid,
            SecurityTokenSignatureKeyNotFoundException => VerificationReasons.SigningKeyUnknown,
            SecurityTokenInvalidAlgorithmException => VerificationReasons.AlgorithmNotAllowed,
            SecurityTokenInvalidSignatureException => VerificationReasons.SignatureInvalid,
            SecurityTokenMalformedException => VerificationReasons.CredentialsMalformed,
            _ => VerificationReasons.CredentialsInvalid,
        };
}
