using System.Net;
using System.Text;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Http;

/// <summary>
/// Malformed credential headers for every scheme, sent over HTTP: milliseconds where seconds are expected,
/// non-numeric and overflowing timestamps, repeated signature headers and empty signature entries are each
/// 401 with a reason, never 500, and store nothing.
/// </summary>
public sealed class HeaderHardeningTests
{
    private const string Now = "1796385600";
    private const string NowMilliseconds = "1796385600000";
    private const string Overflow = "99999999999999999999999999";
    private const string Hex64 = "00313fcd217322a388f8862060c850f97305fb7f117eb665c1994d6a8dd3cbe7";
    private const string Body = """{"id":"evt_h1","event":"invoice.paid","type":"order.created"}""";

    private TestDatabase database = null!;
    private GatewayFactory factory = null!;
    private HttpClient client = null!;

    private static readonly TestTokens.RsaKey Key = TestTokens.NewRsaKey("hardening-key");

    public static IEnumerable<TestCaseData> Cases()
    {
        var signature = ("X-Hub-Signature-256", "sha256=" + Hex64);
        yield return Case("github", "repeated signature", "signature_malformed", signature, signature);
        yield return Case("github", "empty signature", "signature_malformed", ("X-Hub-Signature-256", "sha256="));
        yield return Case("github", "no signature", "signature_missing");
        yield return Case("shopify", "non-base64", "signature_malformed", ("X-Shopify-Hmac-Sha256", "%%%"));

        var slack = ("X-Slack-Signature", "v0=" + Hex64);
        const string SlackTime = "X-Slack-Request-Timestamp";
        yield return Case("slackdemo", "milliseconds", "timestamp_malformed", slack, (SlackTime, NowMilliseconds));
        yield return Case("slackdemo", "overflow", "timestamp_malformed", slack, (SlackTime, Overflow));
        yield return Case("slackdemo", "non-numeric", "timestamp_malformed", slack, (SlackTime, "now"));

        yield return Stripe("milliseconds", "timestamp_malformed", $"t={NowMilliseconds},v1={Hex64}");
        yield return Stripe("overflow", "timestamp_malformed", $"t={Overflow},v1={Hex64}");
        yield return Stripe("empty v1", "signature_malformed", $"t={Now},v1=");
        var stripe = ("Stripe-Signature", $"t={Now},v1={Hex64}");
        yield return Case("stripe", "repeated header", "signature_malformed", stripe, stripe);

        var svixId = ("svix-id", "msg_1");
        var svixSignature = ("svix-signature", "v1,AAAA");
        var svixNow = ("svix-timestamp", Now);
        yield return Case(
            "svixdemo",
            "milliseconds",
            "timestamp_malformed",
            svixId,
            ("svix-timestamp", NowMilliseconds),
            svixSignature
        );
        yield return Case(
            "svixdemo",
            "overflow",
            "timestamp_malformed",
            svixId,
            ("svix-timestamp", Overflow),
            svixSignature
        );
        yield return Case("svixdemo", "empty entry", "signature_invalid", svixId, svixNow, ("svix-signature", "v1,"));
        yield return Case(
            "svixdemo",
            "repeated header",
            "signature_malformed",
            svixId,
            svixNow,
            svixSignature,
            svixSignature
        );
        yield return Case(
            "takeapp",
            "milliseconds",
            "timestamp_malformed",
            ("webhook-id", "msg_1"),
            ("webhook-timestamp", NowMilliseconds),
            ("webhook-signature", "v1,AAAA")
        );

        var iseller = ("Signature", Hex64);
        var isellerTime = ("Timestamp", "2026-12-04T12:00:00Z");
        yield return Case("iseller", "repeated signature", "signature_malformed", iseller, iseller, isellerTime);
        yield return Case("iseller", "milliseconds", "timestamp_malformed", iseller, ("Timestamp", NowMilliseconds));

        yield return Case(
            "xendit",
            "repeated token",
            "signature_malformed",
            ("x-callback-token", "a"),
            ("x-callback-token", "b")
        );
        var basic = ("Authorization", "Basic c2hvcDpwYXNz");
        yield return Case("basicdemo", "non-base64", "credentials_malformed", ("Authorization", "Basic !!!"));
        yield return Case("basicdemo", "repeated header", "credentials_malformed", basic, basic);
        yield return Case("jwtdemo", "not a JWT", "credentials_malformed", ("Authorization", "Bearer a.b"));
        var unsigned = TestTokens.WithAlgorithmNone(DateTimeOffset.FromUnixTimeSeconds(1796385600), Key.KeyId);
        yield return Case("jwtdemo", "alg none", "algorithm_not_allowed", ("Authorization", "Bearer " + unsigned));
    }

    [OneTimeSetUp]
    public async Task StartGatewayAsync()
    {
        database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        var overrides = new Dictionary<string, string?>
        {
            ["RaffsSync:Providers:slackdemo:Verification:Scheme"] = "hmac",
            ["RaffsSync:Providers:slackdemo:Verification:Header"] = "X-Slack-Signature",
            ["RaffsSync:Providers:slackdemo:Verification:Prefix"] = "v0=",
            ["RaffsSync:Providers:slackdemo:Verification:SignedContent"] = "v0:{timestamp}:{body}",
            ["RaffsSync:Providers:slackdemo:Verification:TimestampHeader"] = "X-Slack-Request-Timestamp",
            ["RaffsSync:Providers:slackdemo:Verification:Secrets:0"] = "slack-secret",
            ["RaffsSync:Providers:basicdemo:Verification:Scheme"] = "basic",
            ["RaffsSync:Providers:basicdemo:Verification:Secrets:0"] = "shop:pa:ss",
            ["RaffsSync:Providers:jwtdemo:Verification:Scheme"] = "jwt",
            ["RaffsSync:Providers:jwtdemo:Verification:Issuer"] = TestTokens.Issuer,
            ["RaffsSync:Providers:jwtdemo:Verification:Audience"] = TestTokens.Audience,
            ["RaffsSync:Providers:jwtdemo:Verification:Jwks"] = TestTokens.Jwks(Key),
        };
        factory = new GatewayFactory(database, DateTimeOffset.FromUnixTimeSeconds(1796385600), overrides);
        client = factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopGatewayAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
        database.Dispose();
    }

    [TestCaseSource(nameof(Cases))]
    public async Task MalformedCredentials_Are401(string provider, string reason, string[] headerLines)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/v1/{provider}")
        {
            Content = new StringContent(Body, Encoding.UTF8, "application/json"),
        };
        foreach (var line in headerLines)
        {
            var separator = line.IndexOf(": ", StringComparison.Ordinal);
            request.Headers.TryAddWithoutValidation(line[..separator], line[(separator + 2)..]);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), body);
        Assert.That(body, Does.Contain($"\"reason\":\"{reason}\""));
        Assert.That(await factory.CountInboxRowsAsync(), Is.Zero);
    }

    private static TestCaseData Stripe(string description, string reason, string header) =>
        Case("stripe", description, reason, ("Stripe-Signature", header));

    private static TestCaseData Case(
        string provider,
        string description,
        string reason,
        params (string Name, string Value)[] headers
    )
    {
        var lines = headers.Select(header => $"{header.Name}: {header.Value}").ToArray();
        return new TestCaseData(provider, reason, lines).SetName($"{provider}, {description}: {reason}");
    }
}
