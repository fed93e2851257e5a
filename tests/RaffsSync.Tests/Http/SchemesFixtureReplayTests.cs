using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Http;

/// <summary>
/// Replays the recorded deliveries of providers configured only by settings (GitHub and Shopify on
/// <c>hmac</c>, Stripe, a Svix sender on <c>standard-webhooks</c>, Xendit on <c>token</c>) in order, with the
/// clock pinned to the recording's instant.
/// </summary>
[TestFixture(TestDatabase.Sqlite)]
[TestFixture(TestDatabase.Postgres)]
public sealed class SchemesFixtureReplayTests(string provider)
{
    /// <summary>Events stored by the accepted cases: one each for GitHub, Stripe, Svix, Xendit and Shopify.</summary>
    private const int ExpectedStoredEvents = 5;

    [Test]
    public async Task Replay_AnswersEachCaseAsRecorded()
    {
        var fixture = FixtureFile.Load("schemes.json");
        using var database = await TestDatabase.CreateAsync(provider);
        await using var factory = new GatewayFactory(database, fixture.At);
        using var client = factory.CreateClient();

        foreach (var fixtureCase in fixture.Cases)
        {
            var rowsBefore = await factory.CountInboxRowsAsync();
            using var request = fixtureCase.Request.ToHttpRequest();
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var rowsAfter = await factory.CountInboxRowsAsync();

            Assert.That((int)response.StatusCode, Is.EqualTo(fixtureCase.Expect.Status), $"{fixtureCase.Name}: {body}");
            if (fixtureCase.Expect.Reason is { } reason)
            {
                Assert.That(body, Does.Contain($"\"reason\":\"{reason}\""), fixtureCase.Name);
            }

            var expectedRows = response.IsSuccessStatusCode ? rowsBefore + 1 : rowsBefore;
            Assert.That(rowsAfter, Is.EqualTo(expectedRows), $"{fixtureCase.Name}: stored rows");
        }

        Assert.That(await factory.CountInboxRowsAsync(), Is.EqualTo(ExpectedStoredEvents));
    }

    [TestCase("github bad hmac", "signature_invalid")]
    [TestCase("stripe replayed later", "timestamp_outside_window")]
    [TestCase("xendit wrong token", "credentials_invalid")]
    public async Task Replay_RejectionNamesReason(string caseName, string reason)
    {
        var fixture = FixtureFile.Load("schemes.json");
        var rejected = fixture.Cases.Single(c => c.Name == caseName);
        using var database = await TestDatabase.CreateAsync(provider);
        await using var factory = new GatewayFactory(database, fixture.At);
        using var client = factory.CreateClient();

        using var request = rejected.Request.ToHttpRequest();
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(401));
        Assert.That(body, Does.Contain($"\"reason\":\"{reason}\""));
        Assert.That(await factory.CountInboxRowsAsync(), Is.Zero);
    }
}
