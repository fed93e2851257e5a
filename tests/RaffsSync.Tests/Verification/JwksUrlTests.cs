using Microsoft.Extensions.Time.Testing;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Verification;
using RaffsSync.Infrastructure.Verification;
using RaffsSync.Tests.Support;
using static RaffsSync.Tests.Support.VerifierHarness;
using static RaffsSync.Tests.Verification.HmacSchemeTests;

namespace RaffsSync.Tests.Verification;

/// <summary>
/// The <c>jwt</c> scheme with <c>JwksUrl</c>: fetched on first use, cached, and fetched again for an unknown key
/// id at most once per 30 seconds. The JWKS is served on 127.0.0.1.
/// </summary>
public sealed class JwksUrlTests
{
    private static readonly TestTokens.RsaKey Key = TestTokens.NewRsaKey("url-key-1");
    private static readonly TestTokens.RsaKey RotatedKey = TestTokens.NewRsaKey("url-key-2");

    private JwksServer server = null!;
    private FakeTimeProvider clock = null!;
    private IWebhookVerifier verifier = null!;

    [SetUp]
    public async Task StartServerAsync()
    {
        server = await JwksServer.StartAsync();
        server.Document = TestTokens.Jwks(Key);
        clock = new FakeTimeProvider(Now);
        var options = new VerificationOptions
        {
            Scheme = "jwt",
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.Audience,
            JwksUrl = server.Url.ToString(),
        };
        verifier = JwtSchemeTests.Scheme(clock).Create("acme", options);
    }

    [TearDown]
    public async Task StopServerAsync() => await server.DisposeAsync();

    [Test]
    public void StartUp_DoesNotFetch()
    {
        Assert.That(server.RequestCount, Is.Zero);
    }

    [Test]
    public async Task ValidTokens_FetchOnceAndCache()
    {
        var first = await VerifyAsync(TestTokens.Create(Key.SecurityKey, clock.GetUtcNow()));
        var second = await VerifyAsync(TestTokens.Create(Key.SecurityKey, clock.GetUtcNow()));

        Assert.That(first, Is.EqualTo(VerificationResult.Success));
        Assert.That(second, Is.EqualTo(VerificationResult.Success));
        Assert.That(server.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task UnknownKeyId_RefreshesOnceThenRejects()
    {
        await VerifyAsync(TestTokens.Create(Key.SecurityKey, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(30));
        var stranger = TestTokens.Create(RotatedKey.SecurityKey, clock.GetUtcNow());

        var afterRefresh = await VerifyAsync(stranger);
        var fetchesAfterFirst = server.RequestCount;
        var secondAttempt = await VerifyAsync(stranger);

        Assert.That(afterRefresh, Is.EqualTo(Unauthorized(VerificationReasons.SigningKeyUnknown)));
        Assert.That(fetchesAfterFirst, Is.EqualTo(2));
        Assert.That(secondAttempt, Is.EqualTo(Unauthorized(VerificationReasons.SigningKeyUnknown)));
        Assert.That(server.RequestCount, Is.EqualTo(2), "a second unknown key id within 30 s must not fetch");
    }

    [Test]
    public async Task RotatedKey_IsFoundByRefresh()
    {
        await VerifyAsync(TestTokens.Create(Key.SecurityKey, clock.GetUtcNow()));
        server.Document = TestTokens.Jwks(Key, RotatedKey);
        clock.Advance(TimeSpan.FromMinutes(1));

        var result = await VerifyAsync(TestTokens.Create(RotatedKey.SecurityKey, clock.GetUtcNow()));

        Assert.That(result, Is.EqualTo(VerificationResult.Success));
        Assert.That(server.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task CacheExpiredAndServerFailing_KeepsCachedKeys()
    {
        await VerifyAsync(TestTokens.Create(Key.SecurityKey, clock.GetUtcNow()));
        server.StatusCode = 503;
        clock.Advance(TimeSpan.FromHours(2));

        var result = await VerifyAsync(TestTokens.Create(Key.SecurityKey, clock.GetUtcNow()));

        Assert.That(result, Is.EqualTo(VerificationResult.Success));
        Assert.That(server.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public void ServerFailingBeforeFirstFetch_ThrowsUnavailable()
    {
        server.StatusCode = 500;

        Assert.ThrowsAsync<JwksUnavailableException>(() =>
            VerifyAsync(TestTokens.Create(Key.SecurityKey, clock.GetUtcNow()))
        );
    }

    private Task<VerificationResult> VerifyAsync(string token) =>
        VerifierHarness.VerifyAsync(
            verifier,
            "{}",
            Headers(("Authorization", "Bearer " + token)),
            receivedAt: clock.GetUtcNow()
        );
}
