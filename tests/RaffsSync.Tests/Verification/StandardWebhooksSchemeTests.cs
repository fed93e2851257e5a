using System.Globalization;
using System.Text;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Verification;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Verification;

public sealed class StandardWebhooksSchemeTests
{
    private const string Id = "msg_unit_1";
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"type\":\"order.created\",\"data\":{}}");

    private readonly IWebhookVerifier verifier = new StandardWebhooksScheme().Create(
        "takeapp",
        new VerificationOptions { Secrets = [Signer.TakeAppSecret, Signer.TakeAppSecondSecret] }
    );

    [Test]
    public async Task ValidSignature_Succeeds()
    {
        var result = await Signed(Now).VerifyAsync(verifier);

        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public async Task SecondSecret_Succeeds()
    {
        var signature = Signer.StandardWebhooks(Signer.TakeAppSecondSecret, Id, Now.ToUnixTimeSeconds(), Body);

        var result = await Signed(Now).WithHeader("webhook-signature", signature).VerifyAsync(verifier);

        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public async Task OneOfSeveralSignaturesAndAsymmetricEntry_Succeeds()
    {
        var valid = Signer.StandardWebhooks(Signer.TakeAppSecret, Id, Now.ToUnixTimeSeconds(), Body);
        var header = $"v1a,bm90LWNoZWNrZWQ= v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=  {valid}";

        var result = await Signed(Now).WithHeader("webhook-signature", header).VerifyAsync(verifier);

        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public async Task SvixHeaderNames_Succeed()
    {
        var builder = new CommandBuilder { Body = Body, ReceivedAt = Now }
            .WithHeader("svix-id", Id)
            .WithHeader("svix-timestamp", Seconds(Now))
            .WithHeader(
                "svix-signature",
                Signer.StandardWebhooks(Signer.TakeAppSecret, Id, Now.ToUnixTimeSeconds(), Body)
            );

        var result = await builder.VerifyAsync(verifier);

        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public async Task WrongSecret_FailsAsInvalid()
    {
        var other = "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("another-secret-of-thirty-two-bytes!"));
        var signature = Signer.StandardWebhooks(other, Id, Now.ToUnixTimeSeconds(), Body);

        var result = await Signed(Now).WithHeader("webhook-signature", signature).VerifyAsync(verifier);

        AssertUnauthorized(result, VerificationReasons.SignatureInvalid);
    }

    [Test]
    public async Task TamperedBody_FailsAsInvalid()
    {
        var builder = Signed(Now);
        builder.Body = Encoding.UTF8.GetBytes("{\"type\":\"order.created\",\"data\":{} }");

        var result = await builder.VerifyAsync(verifier);

        AssertUnauthorized(result, VerificationReasons.SignatureInvalid);
    }

    [TestCase(-300, true)]
    [TestCase(300, true)]
    [TestCase(-301, false)]
    [TestCase(301, false)]
    public async Task TimestampWindow_IncludesEdges(int offsetSeconds, bool accepted)
    {
        var signedAt = Now.AddSeconds(offsetSeconds);

        var result = await Signed(signedAt).VerifyAsync(verifier);

        Assert.That(result.Succeeded, Is.EqualTo(accepted));
        Assert.That(result.Reason, Is.EqualTo(accepted ? null : VerificationReasons.TimestampOutsideWindow));
    }

    [TestCase("abc")]
    [TestCase("1796385600000")]
    [TestCase("-1796385600")]
    [TestCase("99999999999999999999999")]
    [TestCase("")]
    [TestCase(" 1796385600")]
    public async Task MalformedTimestamp_FailsAsMalformed(string timestamp)
    {
        var result = await Signed(Now).WithHeader("webhook-timestamp", timestamp).VerifyAsync(verifier);

        AssertUnauthorized(result, VerificationReasons.TimestampMalformed);
    }

    [Test]
    public async Task MissingSignature_FailsAsMissing()
    {
        var builder = new CommandBuilder { Body = Body, ReceivedAt = Now }
            .WithHeader("webhook-id", Id)
            .WithHeader("webhook-timestamp", Seconds(Now));

        var result = await builder.VerifyAsync(verifier);

        AssertUnauthorized(result, VerificationReasons.SignatureMissing);
    }

    [Test]
    public async Task MissingTimestamp_FailsAsMissing()
    {
        var builder = new CommandBuilder { Body = Body, ReceivedAt = Now }
            .WithHeader("webhook-id", Id)
            .WithHeader("webhook-signature", "v1,AAAA");

        var result = await builder.VerifyAsync(verifier);

        AssertUnauthorized(result, VerificationReasons.TimestampMissing);
    }

    [TestCase("v1,")]
    [TestCase("v1,not base64!")]
    [TestCase("v2,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [TestCase("   ")]
    [TestCase("v1,AAAA")]
    public async Task MalformedSignatureEntries_Fail(string header)
    {
        var result = await Signed(Now).WithHeader("webhook-signature", header).VerifyAsync(verifier);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task RepeatedSignatureHeader_Fails()
    {
        var valid = Signer.StandardWebhooks(Signer.TakeAppSecret, Id, Now.ToUnixTimeSeconds(), Body);

        var result = await Signed(Now).WithHeader("webhook-signature", valid, valid).VerifyAsync(verifier);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task ValidSignaturePastEntryLimit_IsNotChecked()
    {
        var valid = Signer.StandardWebhooks(Signer.TakeAppSecret, Id, Now.ToUnixTimeSeconds(), Body);
        var padding = string.Join(' ', Enumerable.Repeat("v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", 20));

        var result = await Signed(Now).WithHeader("webhook-signature", $"{padding} {valid}").VerifyAsync(verifier);

        AssertUnauthorized(result, VerificationReasons.SignatureInvalid);
    }

    [TestCase("whsec_not*base64")]
    [TestCase("whsec_c2hvcnQ=")]
    public void InvalidSecret_FailsStartUpWithoutRevealingIt(string secret)
    {
        var options = new VerificationOptions { Secrets = [secret] };

        var exception = Assert.Throws<ProviderConfigurationException>(() =>
            new StandardWebhooksScheme().Create("takeapp", options)
        );

        Assert.That(exception!.Message, Does.Contain("RaffsSync:Providers:takeapp:Verification:Secrets:0"));
        Assert.That(exception.Message, Does.Not.Contain(secret["whsec_".Length..]));
    }

    private static CommandBuilder Signed(DateTimeOffset signedAt) =>
        new CommandBuilder { Body = Body, ReceivedAt = Now }
            .WithHeader("webhook-id", Id)
            .WithHeader("webhook-timestamp", Seconds(signedAt))
            .WithHeader(
                "webhook-signature",
                Signer.StandardWebhooks(Signer.TakeAppSecret, Id, signedAt.ToUnixTimeSeconds(), Body)
            );

    private static string Seconds(DateTimeOffset instant) =>
        instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static void AssertUnauthorized(VerificationResult result, string reason)
    {
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.StatusCode, Is.EqualTo(401));
        Assert.That(result.Reason, Is.EqualTo(reason));
    }
}
