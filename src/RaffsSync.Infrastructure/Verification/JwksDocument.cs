using Microsoft.IdentityModel.Tokens;

namespace RaffsSync.Infrastructure.Verification;

/// <summary>
/// Reads the signing keys out of a JSON Web Key Set (RFC 7517).
/// </summary>
internal static class JwksDocument
{
    /// <summary>Largest JWKS read from a URL, in bytes; a key set of a few RSA keys is a few kilobytes.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>
    /// Parses a JWKS and returns its RSA and EC signing keys. Symmetric (<c>oct</c>) keys are never used:
    /// a published key set is public, so an HMAC key in it would let anyone sign.
    /// </summary>
    /// <exception cref="FormatException">
    /// The text is not a JWKS, contains a symmetric key, or has no usable signing key.
    /// </exception>
    public static IReadOnlyList<SecurityKey> Parse(string json)
    {
        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json);
        }
        catch (ArgumentException exception)
        {
            throw new FormatException("is not a valid JWKS JSON document with a \"keys\" array.", exception);
        }

        if (set.Keys.Any(key => key.Kty == JsonWebAlgorithmsKeyTypes.Octet))
        {
            throw new FormatException("contains a symmetric (oct) key; a JWKS for access tokens has public keys only.");
        }

        var keys = set.GetSigningKeys()
            .Where(key => key is RsaSecurityKey or ECDsaSecurityKey or X509SecurityKey or JsonWebKey)
            .ToList();
        if (keys.Count == 0)
        {
            throw new FormatException("contains no RSA or EC signing key.");
        }

        return keys;
    }
}
