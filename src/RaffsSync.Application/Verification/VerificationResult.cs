namespace RaffsSync.Application.Verification;

/// <summary>
/// Outcome of a verification: success, or the status (401 or 403) and a stable reason code.
/// </summary>
public readonly record struct VerificationResult(bool Succeeded, int StatusCode, string? Reason)
{
    public static VerificationResult Success { get; } = new(true, 200, null);

    /// <summary>401: credentials or signature missing, malformed or wrong.</summary>
    public static VerificationResult Unauthorized(string reason) => new(false, 401, reason);

    /// <summary>403: authenticated but not allowed.</summary>
    public static VerificationResult Forbidden(string reason) => new(false, 403, reason);
}

/// <summary>Reason codes sent in problem details, stable for senders and dashboards.</summary>
public static class VerificationReasons
{
    public const string SignatureMissing = "signature_missing";
    public const string SignatureMalformed = "signature_malformed";
    public const string SignatureInvalid = "signature_invalid";
    public const string TimestampMissing = "timestamp_missing";
    public const string TimestampMalformed = "timestamp_malformed";
    public const string TimestampOutsideWindow = "timestamp_outside_window";
    public const string CredentialsMissing = "credentials_missing";
    public const string CredentialsMalformed = "credentials_malformed";
    public const string CredentialsInvalid = "credentials_invalid";

    /// <summary>A JWT signed with an algorithm outside the accepted list, such as <c>none</c> or HS256.</summary>
    public const string AlgorithmNotAllowed = "algorithm_not_allowed";

    /// <summary>A JWT whose key id is in neither the cached nor the refreshed JWKS.</summary>
    public const string SigningKeyUnknown = "signing_key_unknown";
    public const string IssuerInvalid = "issuer_invalid";
    public const string AudienceInvalid = "audience_invalid";
    public const string TokenExpired = "token_expired";
    public const string TokenNotYetValid = "token_not_yet_valid";
    public const string SourceNotAllowed = "source_not_allowed";
    public const string ProviderDisabled = "provider_disabled";
    public const string UnknownTenant = "unknown_tenant";
}
