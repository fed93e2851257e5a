using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RaffsSync.Tests.Support;

/// <summary>
/// Signing keys generated per test run, their public JWKS, and access tokens signed with them.
/// </summary>
public sealed class TestTokens
{
    public const string Issuer = "https://login.example.test/";
    public const string Audience = "raffssync-webhooks";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static RsaKey NewRsaKey(string keyId) => new(keyId, RSA.Create(2048));

    /// <summary>Returns <c>{"keys":[…]}</c> with the public part of each key.</summary>
    public static string Jwks(params RsaKey[] keys)
    {
        var array = new JsonArray();
        foreach (var key in keys)
        {
            var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
            array.Add(
                new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = "RS256",
                    ["kid"] = key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                }
            );
        }

        return new JsonObject { ["keys"] = array }.ToJsonString();
    }

    /// <summary>Signs an RS256 token valid from five minutes before to ten minutes after <paramref name="now"/>.</summary>
    public static string Create(
        SecurityKey key,
        DateTimeOffset now,
        string issuer = Issuer,
        string audience = Audience,
        DateTimeOffset? expires = null,
        DateTimeOffset? notBefore = null,
        string algorithm = SecurityAlgorithms.RsaSha256,
        bool includeExpiry = true
    )
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = (notBefore ?? now.AddMinutes(-5)).UtcDateTime,
            Expires = includeExpiry ? (expires ?? now.AddMinutes(10)).UtcDateTime : null,
            Claims = new Dictionary<string, object> { ["sub"] = "sender-1" },
            SigningCredentials = new SigningCredentials(key, algorithm),
        };
        return Handler.CreateToken(descriptor);
    }

    /// <summary>Builds an unsigned token (<c>alg: none</c>) with valid claims.</summary>
    public static string WithAlgorithmNone(DateTimeOffset now, string keyId)
    {
        var header = $$"""{"alg":"none","typ":"JWT","kid":"{{keyId}}"}""";
        var payload =
            $$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","sub":"sender-1","exp":{{now.AddMinutes(10).ToUnixTimeSeconds()}}}""";
        return $"{Base64UrlEncoder.Encode(header)}.{Base64UrlEncoder.Encode(payload)}.";
    }

    /// <summary>
    /// Signs an HS256 token whose HMAC key is the RSA key's public modulus, as in the algorithm-confusion
    /// attack, and names the RSA key's id.
    /// </summary>
    public static string HmacWithPublicKey(RsaKey rsaKey, DateTimeOffset now)
    {
        var modulus = rsaKey.Rsa.ExportParameters(includePrivateParameters: false).Modulus!;
        var hmacKey = new SymmetricSecurityKey(modulus) { KeyId = rsaKey.KeyId };
        return Create(hmacKey, now, algorithm: SecurityAlgorithms.HmacSha256);
    }

    /// <summary>Replaces the payload of a signed token, keeping its header and signature.</summary>
    public static string WithPayload(string token, string payloadJson)
    {
        var parts = token.Split('.');
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payloadJson))}.{parts[2]}";
    }

    public sealed record RsaKey(string KeyId, RSA Rsa)
    {
        public RsaSecurityKey SecurityKey { get; } = new(Rsa) { KeyId = KeyId };
    }
}
