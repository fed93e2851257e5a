using System.Text;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Verification;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Verification;

public sealed class ISellerSchemeTests
{
    private const string Timestamp = "2026-12-04T12:00:00.0004476Z";
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"order_id\":\"o-1\"}");

    private readonly IWebhookVerifier verifier = new ISellerScheme().Create(
        "iseller",
        new VerificationOptions { Secrets = ["old-key", Signer.ISellerSecret] }
    );

    [Test]
    public async Task UpperCaseHex_Succeeds()
    {
        var result = await Signed(Signer.ISeller(Signer.ISellerSecret, Body, Timestamp)).VerifyAsync(verifier);

        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public async Task LowerCaseHex_Succeeds()
    {
        var signature = Signer.ISeller(Signer.ISellerSecret, Body, Timestamp).ToLowerInvariant();

        var result = await Signed(signature).VerifyAsync(verifier);

        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public async Task WrongKey_FailsAsInvalid()
    {
        var result = await Signed(Signer.ISeller("someone-else", Body, Timestamp)).VerifyAsync(verifier);

        AssertUnauthorized(result, VerificationReasons.SignatureInvalid);
    }

    [Test]
    public async Task TamperedBody_FailsAsInvalid()
    {
        var builder = Signed(Signer.ISeller(Signer.ISellerSecret, Body, Timestamp));
        builder.Body = Encoding.UTF8.GetBytes("{\"order_id\":\"o-2\"}");

        var result = await builder.VerifyAsync(verifier);

        AssertUnauthorized(result, VerificationReasons.SignatureInvalid);
    }

    [Test]
    public async Task ChangedTimestamp_FailsAsInvalid()
    {
        var builder = Signed(Signer.ISeller(Signer.ISellerSecret, Body, Timestamp))
            .WithHeader("Timestamp", "2026-12-04T12:00:01Z");

        var result = await builder.VerifyAsync(verifier);

        AssertUnauthorized(result, VerificationReasons.SignatureInvalid);
    }

    [Test]
    public async Task MissingTimestamp_FailsAsMissing()
    {
        var builder = new CommandBuilder { Body = Body, ReceivedAt = Now }.WithHeader(
            "Signature",
            Signer.ISeller(Signer.ISellerSecret, Body, Timestamp)
        );

        var result = await builder.VerifyAsync(verifier);

        AssertUnauthorized(result, VerificationReasons.TimestampMissing);
    }

    [TestCase("yesterday")]
    [TestCase("")]
    [TestCase("12/04/2026 12:00:00")]
    [TestCase("Fri, 04 Dec 2026 12:00:00 GMT")]
    [TestCase("04 December 2026 12:00")]
    [TestCase("2026-12-04T12:00:00")]
    [TestCase("2026-12-04 12:00:00Z")]
    public async Task MalformedTimestamp_FailsAsMalformed(string timestamp)
    {
        var builder = Signed(Signer.ISeller(Signer.ISellerSecret, Body, timestamp)).WithHeader("Timestamp", timestamp);

        var result = await builder.VerifyAsync(verifier);

        AssertUnauthorized(result, VerificationReasons.TimestampMalformed);
    }

    [TestCase("2026-12-04T11:55:00Z", true)]
    [TestCase("2026-12-04T12:05:00Z", true)]
    [TestCase("2026-12-04T11:54:59Z", false)]
    [TestCase("2026-12-04T12:05:01Z", false)]
    public async Task TimestampWindow_IncludesEdges(string timestamp, bool accepted)
    {
        var builder = Signed(Signer.ISeller(Signer.ISellerSecret, Body, timestamp)).WithHeader("Timestamp", timestamp);

        var result = await builder.VerifyAsync(verifier);

        Assert.That(result.Succeeded, Is.EqualTo(accepted));
    }

    [TestCase("XYZ")]
    [TestCase("E486553FAD48022DFD9155F758DEB0D8368AF96E1188341B93B0914116B9044")]
    [TestCase("G486553FAD48022DFD9155F758DEB0D8368AF96E1188341B93B0914116B90445")]
    public async Task MalformedSignature_FailsAsMalformed(string signature)
    {
        var result = await Signed(signature).VerifyAsync(verifier);

        AssertUnauthorized(result, VerificationReasons.SignatureMalformed);
    }

    [Test]
    public void EmptySecret_FailsStartUp()
    {
        var options = new VerificationOptions { Secrets = [""] };

        var exception = Assert.Throws<ProviderConfigurationException>(() =>
            new ISellerScheme().Create("iseller", options)
        );

        Assert.That(exception!.Setting, Is.EqualTo("Verification:Secrets"));
    }

    private static CommandBuilder Signed(string signature) =>
        new CommandBuilder { Body = Body, ReceivedAt = Now }
            .WithHeader("Timestamp", Timestamp)
            .WithHeader("Signature", signature);

    private static void AssertUnauthorized(VerificationResult result, string reason)
    {
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.StatusCode, Is.EqualTo(401));
        Assert.That(result.Reason, Is.EqualTo(reason));
    }
}
