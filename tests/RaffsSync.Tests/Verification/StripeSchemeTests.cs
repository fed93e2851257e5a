using RaffsSync.Application.Configuration;
using RaffsSync.Application.Verification;
using RaffsSync.Tests.Support;
using static RaffsSync.Tests.Support.VerifierHarness;
using static RaffsSync.Tests.Verification.HmacSchemeTests;

namespace RaffsSync.Tests.Verification;

/// <summary>
/// The <c>stripe</c> scheme: <c>Stripe-Signature: t=…,v1=…</c> over <c>{t}.{body}</c>, keyed by the whole secret.
/// </summary>
public sealed class StripeSchemeTests
{
    private const string Secret = "whsec_stripe_test_1";
    private const string SecondSecret = "whsec_stripe_test_2";
    private const string Body = """{"id":"evt_1","object":"event","type":"invoice.paid"}""";

    [Test]
    public async Task ValidSignature_Succeeds()
    {
        var result = await VerifyAsync(Signer.Stripe(NowSeconds, Body, Secret));

        Assert.That(result, Is.EqualTo(VerificationResult.Success));
    }

    [Test]
    public async Task WrongSecret_IsInvalid()
    {
        var result = await VerifyAsync(Signer.Stripe(NowSeconds, Body, "whsec_other"));

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.SignatureInvalid)));
    }

    [Test]
    public async Task TamperedBody_IsInvalid()
    {
        var result = await VerifyAsync(Signer.Stripe(NowSeconds, Body, Secret), Body.Replace("paid", "void"));

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.SignatureInvalid)));
    }

    [Test]
    public async Task SecondSecretDuringRotation_Succeeds()
    {
        var result = await VerifyAsync(Signer.Stripe(NowSeconds, Body, SecondSecret));

        Assert.That(result, Is.EqualTo(VerificationResult.Success));
    }

    [Test]
    public async Task SeveralV1Entries_AnyOneMatching_Succeeds()
    {
        var header = Signer.Stripe(NowSeconds, Body, "whsec_rolled_away", Secret);

        Assert.That(await VerifyAsync(header), Is.EqualTo(VerificationResult.Success));
    }

    [Test]
    public async Task V0EntryAlone_IsIgnored()
    {
        var valid = Signer.Stripe(NowSeconds, Body, Secret);
        var onlyV0 = valid.Replace("v1=", "v0=", StringComparison.Ordinal);

        Assert.That(await VerifyAsync(onlyV0), Is.EqualTo(Unauthorized(VerificationReasons.SignatureMissing)));
    }

    [Test]
    public async Task V0EntryBesideV1_IsIgnored()
    {
        var header =
            Signer.Stripe(NowSeconds, Body, Secret)
            + ",v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39";

        Assert.That(await VerifyAsync(header), Is.EqualTo(VerificationResult.Success));
    }

    [TestCase(300)]
    [TestCase(-300)]
    public async Task WindowEdge_Succeeds(int offsetSeconds)
    {
        var result = await VerifyAsync(Signer.Stripe(NowSeconds + offsetSeconds, Body, Secret));

        Assert.That(result, Is.EqualTo(VerificationResult.Success));
    }

    [TestCase(301)]
    [TestCase(-301)]
    [TestCase(-900)]
    public async Task PastWindow_IsOutsideWindow(int offsetSeconds)
    {
        var result = await VerifyAsync(Signer.Stripe(NowSeconds + offsetSeconds, Body, Secret));

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.TimestampOutsideWindow)));
    }

    [TestCase("", "signature_missing")]
    [TestCase("garbage", "timestamp_missing")]
    [TestCase("v1=abc", "timestamp_missing")]
    [TestCase("t=1796385600", "signature_missing")]
    [TestCase("t=1796385600,v1=", "signature_malformed")]
    [TestCase("t=1796385600,v1=xyz", "signature_malformed")]
    [TestCase("t=1796385600000,v1=00", "timestamp_malformed")]
    [TestCase("t=abc,v1=00", "timestamp_malformed")]
    [TestCase("t=99999999999999999999999,v1=00", "timestamp_malformed")]
    [TestCase("t=1796385600,t=1796385600,v1=00", "signature_malformed")]
    public async Task MalformedHeader_Is401(string header, string reason)
    {
        Assert.That(await VerifyAsync(header), Is.EqualTo(Unauthorized(reason)));
    }

    [Test]
    public async Task RepeatedHeader_IsMalformed()
    {
        var valid = Signer.Stripe(NowSeconds, Body, Secret);
        var verifier = Create(new StripeScheme(), Options());

        var result = await VerifierHarness.VerifyAsync(
            verifier,
            Body,
            Headers(("Stripe-Signature", valid), ("Stripe-Signature", valid))
        );

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.SignatureMalformed)));
    }

    [Test]
    public async Task MissingHeader_IsSignatureMissing()
    {
        var result = await VerifierHarness.VerifyAsync(Create(new StripeScheme(), Options()), Body, Headers());

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.SignatureMissing)));
    }

    [Test]
    public async Task ManyEntries_OnlyFirstEightChecked()
    {
        var wrong = string.Concat(Enumerable.Repeat(",v1=" + new string('0', 64), 8));
        var valid = Signer.Stripe(NowSeconds, Body, Secret);
        var header = valid.Insert(valid.IndexOf(",v1=", StringComparison.Ordinal), wrong);

        Assert.That(await VerifyAsync(header), Is.EqualTo(Unauthorized(VerificationReasons.SignatureInvalid)));
    }

    private static VerificationOptions Options() => new() { Scheme = "stripe", Secrets = [Secret, SecondSecret] };

    private static Task<VerificationResult> VerifyAsync(string header, string body = Body) =>
        VerifierHarness.VerifyAsync(Create(new StripeScheme(), Options()), body, Headers(("Stripe-Signature", header)));
}
