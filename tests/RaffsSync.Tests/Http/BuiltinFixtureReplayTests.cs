using System.Net;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Http;

/// <summary>
/// Replays every recorded built-in delivery in order, with the clock pinned to the recording's instant.
/// </summary>
[TestFixture(TestDatabase.Sqlite)]
[TestFixture(TestDatabase.Postgres)]
public sealed class BuiltinFixtureReplayTests(string provider)
{
    /// <summary>Events stored by the accepted cases: five Take App, two iSeller, three Accurate envelopes.</summary>
    private const int ExpectedStoredEvents = 10;

    [Test]
    public async Task Replay_AnswersEachCaseAsRecorded()
    {
        var fixture = FixtureFile.Load("builtin.json");
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

            if (response.IsSuccessStatusCode && fixtureCase.Request.Method == "POST")
            {
                Assert.That(rowsAfter, Is.GreaterThan(rowsBefore), $"{fixtureCase.Name} stored nothing");
            }
            else
            {
                Assert.That(rowsAfter, Is.EqualTo(rowsBefore), $"{fixtureCase.Name} stored a row");
            }
        }

        Assert.That(await factory.CountInboxRowsAsync(), Is.EqualTo(ExpectedStoredEvents));
    }

    [Test]
    public async Task Replay_AccurateBatchStoresOneRowPerEnvelope()
    {
        var fixture = FixtureFile.Load("builtin.json");
        var twoEnvelopes = fixture.Cases.Single(c => c.Name == "accurate two envelopes");
        using var database = await TestDatabase.CreateAsync(provider);
        await using var factory = new GatewayFactory(database, fixture.At);
        using var client = factory.CreateClient();

        using var request = twoEnvelopes.Request.ToHttpRequest();
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(body, Does.Contain("\"eventId\":\"101:a1b2c3d4-0000-4000-8000-0000000000a1\""));
        Assert.That(body, Does.Contain("\"eventCount\":2"));
        Assert.That(await factory.CountInboxRowsAsync(), Is.EqualTo(2));
    }
}
