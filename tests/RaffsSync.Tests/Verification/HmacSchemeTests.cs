using System.Globalization;
using System.Security.Cryptography;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Verification;
using RaffsSync.Tests.Support;
using static RaffsSync.Tests.Support.VerifierHarness;

namespace RaffsSync.Tests.Verification;

/// <summary>
/// The <c>hmac</c> scheme configured as GitHub (hex after <c>sha256=</c>), Shopify (base64) and Slack
/// (<c>v0:{timestamp}:{body}</c> with a timestamp header).
/// </summary>
public sealed class HmacSchemeTests
{
    private const string Secret = "gh-test-secret";
    private const string SecondSecret = "gh-test-secret-next";
    private const string Body = """{"action":"opened","number":7}""";

    private static readonly VerificationResult Success = VerificationResult.Success;

    [Test]
    public async Task GitHub_ValidSignature_Succeeds()
    {
        var result = await VerifyGitHubAsync(Body, "sha256=" + Signer.HmacSha256Hex(Secret, Body));

        Assert.That(result, Is.EqualTo(Success));
    }

    [Test]
    public async Task GitHub_UpperCaseHex_Succeeds()
    {
        var signature = "sha256=" + Signer.HmacSha256Hex(Secret, Body).ToUpperInvariant();

        Assert.That(await VerifyGitHubAsync(Body, signature), Is.EqualTo(Success));
    }

    [Test]
    public async Task GitHub_WrongSecret_IsInvalid()
    {
        var result = await VerifyGitHubAsync(Body, "sha256=" + Signer.HmacSha256Hex("other-secret", Body));

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.SignatureInvalid)));
    }

    [Test]
    public async Task GitHub_TamperedBody_IsInvalid()
    {
        var signature = "sha256=" + Signer.HmacSha256Hex(Secret, Body);

        var result = await VerifyGitHubAsync(Body.Replace("7", "8", StringComparison.Ordinal), signature);

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.SignatureInvalid)));
    }

    [Test]
    public async Task GitHub_SecondSecretDuringRotation_Succeeds()
    {
        var result = await VerifyGitHubAsync(Body, "sha256=" + Signer.HmacSha256Hex(SecondSecret, Body));

        Assert.That(result, Is.EqualTo(Success));
    }

    [TestCase("", VerificationReasons.SignatureMissing)]
    [TestCase("sha256=", VerificationReasons.SignatureMalformed)]
    [TestCase("sha256=abc", VerificationReasons.SignatureMalformed)]
    [TestCase("sha256=zz", VerificationReasons.SignatureMalformed)]
    [TestCase("sha1=00313fcd217322a388f8862060c850f97305fb7f117eb665c1994d6a8dd3cbe7", "signature_malformed")]
    [TestCase("sha256=00313fcd217322a388f8862060c850f97305fb7f117eb665c1994d6a8dd3cb", "signature_malformed")]
    [TestCase("sha256=00313fcd217322a388f8862060c850f97305fb7f117eb665c1994d6a8dd3cbe7", "signature_invalid")]
    public async Task GitHub_MalformedOrWrongHeader_Is401(string signature, string reason)
    {
        Assert.That(await VerifyGitHubAsync(Body, signature), Is.EqualTo(Unauthorized(reason)));
    }

    [Test]
    public async Task GitHub_MissingHeader_IsSignatureMissing()
    {
        var verifier = Create(new HmacScheme(), GitHubOptions());

        var result = await VerifyAsync(verifier, Body, Headers());

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.SignatureMissing)));
    }

    [Test]
    public async Task GitHub_RepeatedHeader_IsMalformed()
    {
        var verifier = Create(new HmacScheme(), GitHubOptions());
        var valid = "sha256=" + Signer.HmacSha256Hex(Secret, Body);

        var result = await VerifyAsync(
            verifier,
            Body,
            Headers(("X-Hub-Signature-256", valid), ("X-Hub-Signature-256", valid))
        );

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.SignatureMalformed)));
    }

    [TestCase("SHA1")]
    [TestCase("SHA256")]
    [TestCase("SHA512")]
    [TestCase("sha-512")]
    public async Task Algorithm_EachSupported_Succeeds(string algorithm)
    {
        var options = GitHubOptions();
        options.Algorithm = algorithm;
        options.Prefix = null;
        var name = new HashAlgorithmName(algorithm.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant());
        var signature = Convert.ToHexStringLower(Signer.Hmac(name, Secret, Body));

        var result = await VerifyAsync(
            Create(new HmacScheme(), options),
            Body,
            Headers(("X-Hub-Signature-256", signature))
        );

        Assert.That(result, Is.EqualTo(Success));
    }

    [Test]
    public async Task Algorithm_Sha1SignatureForSha256Provider_IsMalformed()
    {
        var signature = "sha256=" + Convert.ToHexStringLower(Signer.Hmac(HashAlgorithmName.SHA1, Secret, Body));

        Assert.That(await VerifyGitHubAsync(Body, signature), Is.EqualTo(Unauthorized("signature_malformed")));
    }

    [Test]
    public async Task Shopify_Base64Signature_Succeeds()
    {
        var signature = Convert.ToBase64String(Signer.Hmac(HashAlgorithmName.SHA256, Secret, Body));

        var result = await VerifyAsync(
            Create(new HmacScheme(), ShopifyOptions()),
            Body,
            Headers(("X-Shopify-Hmac-Sha256", signature))
        );

        Assert.That(result, Is.EqualTo(Success));
    }

    [TestCase("not base64!")]
    [TestCase("AAAA")]
    public async Task Shopify_BadBase64_IsMalformed(string signature)
    {
        var result = await VerifyAsync(
            Create(new HmacScheme(), ShopifyOptions()),
            Body,
            Headers(("X-Shopify-Hmac-Sha256", signature))
        );

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.SignatureMalformed)));
    }

    internal static VerificationResult Unauthorized(string reason) => VerificationResult.Unauthorized(reason);

    internal static VerificationOptions GitHubOptions() =>
        new()
        {
            Scheme = "hmac",
            Header = "X-Hub-Signature-256",
            Prefix = "sha256=",
            Secrets = [Secret, SecondSecret],
        };

    private static VerificationOptions ShopifyOptions() =>
        new()
        {
            Scheme = "hmac",
            Header = "X-Shopify-Hmac-Sha256",
            Encoding = "base64",
            Secrets = [Secret],
        };

    private static Task<VerificationResult> VerifyGitHubAsync(string body, string signature) =>
        VerifyAsync(Create(new HmacScheme(), GitHubOptions()), body, Headers(("X-Hub-Signature-256", signature)));

    internal static string Seconds(long value) => value.ToString(CultureInfo.InvariantCulture);
}
