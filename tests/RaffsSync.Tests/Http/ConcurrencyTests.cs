using System.Net;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Http;

/// <summary>
/// Identical deliveries racing each other on PostgreSQL: the unique index lets exactly one through.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Deliveries = 50;
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task IdenticalDeliveries_AcceptExactlyOne()
    {
        using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using var factory = new GatewayFactory(database, Now);
        using var client = factory.CreateClient();
        var body = Signer.TakeAppOrderBody("ord_race");
        using var start = new SemaphoreSlim(0, Deliveries);

        var sends = Enumerable
            .Range(0, Deliveries)
            .Select(async _ =>
            {
                using var request = Signer.TakeAppRequest("msg_race", body, Now);
                await start.WaitAsync();
                using var response = await client.SendAsync(request);
                return response.StatusCode;
            })
            .ToList();
        start.Release(Deliveries);
        var statuses = await Task.WhenAll(sends);

        Assert.That(statuses.Count(status => status == HttpStatusCode.Accepted), Is.EqualTo(1));
        Assert.That(statuses.Count(status => status == HttpStatusCode.Conflict), Is.EqualTo(Deliveries - 1));
        Assert.That(statuses.Count(status => (int)status >= 500), Is.Zero);
        Assert.That(await factory.CountInboxRowsAsync(), Is.EqualTo(1));
    }
}
