using RaffsSync.Application.Configuration;
using RaffsSync.Application.Verification;
using RaffsSync.Tests.Support;
using static RaffsSync.Tests.Support.VerifierHarness;
using static RaffsSync.Tests.Verification.HmacSchemeTests;

namespace RaffsSync.Tests.Verification;

/// <summary>
/// The <c>hmac</c> scheme with a signed timestamp, configured as Slack: <c>v0=</c> and hex HMAC-SHA256 over
/// <c>v0:{timestamp}:{body}</c>, timestamp in <c>X-Slack-Request-Timestamp</c>.
/// </summary>
public sealed class HmacTimestampTests
{
    private const string Secret = "slack-signing-secret";
    private const string Body = "token=x&team_id=T1&command=%2Fdeploy";

    [TestCase(0)]
    [TestCase(300)]
    [TestCase(-300)]
    public async Task Slack_WithinWindow_Succeeds(int offsetSeconds)
    {
        var signedAt = NowSeconds + offsetSeconds;

        var result = await VerifySlackAsync(Seconds(signedAt), Sign(signedAt, Body));

        Assert.That(result, Is.EqualTo(VerificationResult.Success));
    }

    [TestCase(301)]
    [TestCase(-301)]
    public async Task Slack_OneSecondPastWindow_IsOutsideWindow(int offsetSeconds)
    {
        var signedAt = NowSeconds + offsetSeconds;

        var result = await VerifySlackAsync(Seconds(signedAt), Sign(signedAt, Body));

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.TimestampOutsideWindow)));
    }

    [Test]
    public async Task Slack_TimestampChangedAfterSigning_IsInvalid()
    {
        var result = await VerifySlackAsync(Seconds(NowSeconds + 1), Sign(NowSeconds, Body));

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.SignatureInvalid)));
    }

    [Test]
    public async Task Slack_TamperedBody_IsInvalid()
    {
        var signature = Sign(NowSeconds, Body);

        var result = await VerifySlackAsync(Seconds(NowSeconds), signature, Body + "&x=1");

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.SignatureInvalid)));
    }

    [TestCase("1796385600000", TestName = "Slack_Milliseconds_IsMalformed")]
    [TestCase("1796385600.5", TestName = "Slack_Fraction_IsMalformed")]
    [TestCase("-1796385600", TestName = "Slack_Negative_IsMalformed")]
    [TestCase("17963856OO", TestName = "Slack_NonNumeric_IsMalformed")]
    [TestCase("99999999999999999999999", TestName = "Slack_Overflow_IsMalformed")]
    [TestCase("999999999999", TestName = "Slack_PastYear9999_IsMalformed")]
    public async Task Slack_BadTimestamp_IsMalformed(string timestamp)
    {
        var result = await VerifySlackAsync(timestamp, Sign(NowSeconds, Body));

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.TimestampMalformed)));
    }

    [Test]
    public async Task Slack_MissingTimestamp_IsTimestampMissing()
    {
        var verifier = Create(new HmacScheme(), SlackOptions());

        var result = await VerifyAsync(verifier, Body, Headers(("X-Slack-Signature", Sign(NowSeconds, Body))));

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.TimestampMissing)));
    }

    [Test]
    public async Task Slack_RepeatedTimestamp_IsMalformed()
    {
        var verifier = Create(new HmacScheme(), SlackOptions());
        var now = Seconds(NowSeconds);
        var headers = Headers(
            ("X-Slack-Signature", Sign(NowSeconds, Body)),
            ("X-Slack-Request-Timestamp", now),
            ("X-Slack-Request-Timestamp", now)
        );

        var result = await VerifyAsync(verifier, Body, headers);

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.TimestampMalformed)));
    }

    [Test]
    public async Task Template_TimestampAfterBody_Succeeds()
    {
        var options = SlackOptions();
        options.SignedContent = "{body}|{timestamp}";
        options.Prefix = null;
        var signature = Signer.HmacSha256Hex(Secret, $"{Body}|{Seconds(NowSeconds)}");
        var headers = Headers(("X-Slack-Signature", signature), ("X-Slack-Request-Timestamp", Seconds(NowSeconds)));

        var result = await VerifyAsync(Create(new HmacScheme(), options), Body, headers);

        Assert.That(result, Is.EqualTo(VerificationResult.Success));
    }

    [TestCase(300, null)]
    [TestCase(301, "timestamp_outside_window")]
    public async Task UnsignedTimestampHeader_ChecksWindowOnly(int ageSeconds, string? reason)
    {
        var options = SlackOptions();
        options.SignedContent = null;
        options.Prefix = null;
        var headers = Headers(
            ("X-Slack-Signature", Signer.HmacSha256Hex(Secret, Body)),
            ("X-Slack-Request-Timestamp", Seconds(NowSeconds - ageSeconds))
        );

        var result = await VerifyAsync(Create(new HmacScheme(), options), Body, headers);

        Assert.That(result, Is.EqualTo(reason is null ? VerificationResult.Success : Unauthorized(reason)));
    }

    private static VerificationOptions SlackOptions() =>
        new()
        {
            Scheme = "hmac",
            Header = "X-Slack-Signature",
            Prefix = "v0=",
            SignedContent = "v0:{timestamp}:{body}",
            TimestampHeader = "X-Slack-Request-Timestamp",
            Secrets = [Secret],
        };

    private static string Sign(long timestamp, string body) =>
        "v0=" + Signer.HmacSha256Hex(Secret, $"v0:{Seconds(timestamp)}:{body}");

    private static Task<VerificationResult> VerifySlackAsync(string timestamp, string signature, string body = Body)
    {
        var verifier = Create(new HmacScheme(), SlackOptions());
        var headers = Headers(("X-Slack-Signature", signature), ("X-Slack-Request-Timestamp", timestamp));
        return VerifyAsync(verifier, body, headers);
    }
}
