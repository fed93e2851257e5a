using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Verification;
using RaffsSync.Infrastructure.Verification;
using RaffsSync.Tests.Support;
using static RaffsSync.Tests.Support.VerifierHarness;
using static RaffsSync.Tests.Verification.HmacSchemeTests;

namespace RaffsSync.Tests.Verification;

/// <summary>
/// The <c>jwt</c> scheme with an inline JWKS: signature, issuer, audience, lifetime and algorithm checks.
/// </summary>
public sealed class JwtSchemeTests
{
    private static readonly TestTokens.RsaKey Key = TestTokens.NewRsaKey("key-1");
    private static readonly TestTokens.RsaKey NextKey = TestTokens.NewRsaKey("key-2");
    private static readonly TestTokens.RsaKey StrangerKey = TestTokens.NewRsaKey("key-stranger");

    [Test]
    public async Task ValidToken_Succeeds()
    {
        Assert.That(await VerifyAsync(TestTokens.Create(Key.SecurityKey, Now)), Is.EqualTo(VerificationResult.Success));
    }

    [Test]
    public async Task JwksAsConfigurationObject_Succeeds()
    {
        var file = Path.Combine(Path.GetTempPath(), $"raffssync-jwks-{Guid.NewGuid():N}.json");
        var verification = new JsonObject { ["Jwks"] = JsonNode.Parse(TestTokens.Jwks(Key)) };
        var providers = new JsonObject { ["acme"] = new JsonObject { ["Verification"] = verification } };
        var settings = new JsonObject { ["RaffsSync"] = new JsonObject { ["Providers"] = providers } };
        await File.WriteAllTextAsync(file, settings.ToJsonString());
        try
        {
            var configuration = new ConfigurationBuilder().AddJsonFile(file).Build();
            var options = Options();
            options.Jwks = null;
            var verifier = Create(Scheme(configuration: configuration), options);

            var result = await VerifierHarness.VerifyAsync(
                verifier,
                "{}",
                Headers(("Authorization", "Bearer " + TestTokens.Create(Key.SecurityKey, Now)))
            );

            Assert.That(result, Is.EqualTo(VerificationResult.Success));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task SecondKeyDuringRotation_Succeeds()
    {
        var token = TestTokens.Create(NextKey.SecurityKey, Now);

        Assert.That(await VerifyAsync(token), Is.EqualTo(VerificationResult.Success));
    }

    [Test]
    public async Task WrongIssuer_IsIssuerInvalid()
    {
        var token = TestTokens.Create(Key.SecurityKey, Now, issuer: "https://evil.example.test/");

        Assert.That(await VerifyAsync(token), Is.EqualTo(Unauthorized(VerificationReasons.IssuerInvalid)));
    }

    [Test]
    public async Task WrongAudience_IsAudienceInvalid()
    {
        var token = TestTokens.Create(Key.SecurityKey, Now, audience: "another-api");

        Assert.That(await VerifyAsync(token), Is.EqualTo(Unauthorized(VerificationReasons.AudienceInvalid)));
    }

    [TestCase(-60, null)]
    [TestCase(-61, VerificationReasons.TokenExpired)]
    [TestCase(-3600, VerificationReasons.TokenExpired)]
    public async Task Expiry_AllowsSixtySecondsOfSkew(int expiresInSeconds, string? reason)
    {
        var expires = Now.AddSeconds(expiresInSeconds);
        var token = TestTokens.Create(Key.SecurityKey, Now, expires: expires, notBefore: expires.AddHours(-1));

        var expected = reason is null ? VerificationResult.Success : Unauthorized(reason);
        Assert.That(await VerifyAsync(token), Is.EqualTo(expected));
    }

    [TestCase(60, null)]
    [TestCase(61, VerificationReasons.TokenNotYetValid)]
    public async Task NotBefore_AllowsSixtySecondsOfSkew(int notBeforeInSeconds, string? reason)
    {
        var token = TestTokens.Create(Key.SecurityKey, Now, notBefore: Now.AddSeconds(notBeforeInSeconds));

        var expected = reason is null ? VerificationResult.Success : Unauthorized(reason);
        Assert.That(await VerifyAsync(token), Is.EqualTo(expected));
    }

    [Test]
    public async Task UnknownKeyId_IsSigningKeyUnknown()
    {
        var token = TestTokens.Create(StrangerKey.SecurityKey, Now);

        Assert.That(await VerifyAsync(token), Is.EqualTo(Unauthorized(VerificationReasons.SigningKeyUnknown)));
    }

    [Test]
    public async Task KnownKeyIdWrongKey_IsSignatureInvalid()
    {
        var impostor = new RsaSecurityKey(StrangerKey.Rsa) { KeyId = Key.KeyId };
        var token = TestTokens.Create(impostor, Now);

        Assert.That(await VerifyAsync(token), Is.EqualTo(Unauthorized(VerificationReasons.SignatureInvalid)));
    }

    [Test]
    public async Task TamperedPayload_IsSignatureInvalid()
    {
        var valid = TestTokens.Create(Key.SecurityKey, Now);
        var payload =
            $$"""{"iss":"{{TestTokens.Issuer}}","aud":"{{TestTokens.Audience}}","sub":"admin","exp":{{Now.AddMinutes(10).ToUnixTimeSeconds()}}}""";

        var result = await VerifyAsync(TestTokens.WithPayload(valid, payload));

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.SignatureInvalid)));
    }

    [Test]
    public async Task AlgNone_IsAlgorithmNotAllowed()
    {
        var token = TestTokens.WithAlgorithmNone(Now, Key.KeyId);

        Assert.That(await VerifyAsync(token), Is.EqualTo(Unauthorized(VerificationReasons.AlgorithmNotAllowed)));
    }

    [Test]
    public async Task HmacTokenForRsaKey_IsRejected()
    {
        var token = TestTokens.HmacWithPublicKey(Key, Now);

        Assert.That(await VerifyAsync(token), Is.EqualTo(Unauthorized(VerificationReasons.AlgorithmNotAllowed)));
    }

    [Test]
    public async Task MissingExpiry_IsInvalid()
    {
        var token = TestTokens.Create(Key.SecurityKey, Now, includeExpiry: false);

        Assert.That(await VerifyAsync(token), Is.EqualTo(Unauthorized(VerificationReasons.CredentialsInvalid)));
    }

    [TestCase("Bearer not-a-jwt", "credentials_malformed")]
    [TestCase("Bearer a.b.c", "credentials_malformed")]
    [TestCase("Bearer ", "credentials_malformed")]
    [TestCase("Basic dXNlcjpwYXNz", "credentials_malformed")]
    [TestCase("", "credentials_missing")]
    public async Task MalformedAuthorization_Is401(string authorization, string reason)
    {
        var result = await VerifierHarness.VerifyAsync(Verifier(), "{}", Headers(("Authorization", authorization)));

        Assert.That(result, Is.EqualTo(Unauthorized(reason)));
    }

    [Test]
    public async Task RepeatedAuthorization_IsMalformed()
    {
        var header = "Bearer " + TestTokens.Create(Key.SecurityKey, Now);

        var result = await VerifierHarness.VerifyAsync(
            Verifier(),
            "{}",
            Headers(("Authorization", header), ("Authorization", header))
        );

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.CredentialsMalformed)));
    }

    internal static JwtScheme Scheme(TimeProvider? timeProvider = null, IConfiguration? configuration = null)
    {
        var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        return new JwtScheme(
            services.GetRequiredService<IHttpClientFactory>(),
            configuration ?? new ConfigurationBuilder().Build(),
            new HostingEnvironment { ContentRootPath = Path.GetTempPath() },
            timeProvider ?? new FakeTimeProvider(Now),
            NullLoggerFactory.Instance
        );
    }

    internal static VerificationOptions Options() =>
        new()
        {
            Scheme = "jwt",
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.Audience,
            Jwks = TestTokens.Jwks(Key, NextKey),
        };

    private static Application.Verification.IWebhookVerifier Verifier() => Create(Scheme(), Options());

    private static Task<VerificationResult> VerifyAsync(string token) =>
        VerifierHarness.VerifyAsync(Verifier(), "{}", Headers(("Authorization", "Bearer " + token)));
}
