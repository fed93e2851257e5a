using System.Net;
using System.Text;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Hostile;

/// <summary>
/// Token buckets per provider: a burst passes, the next request gets 429 with Retry-After, and other providers
/// and health checks are unaffected. The buckets refill in real time, so one test waits about a second.
/// </summary>
public sealed class RateLimitTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase database = null!;
    private GatewayFactory gateway = null!;
    private HttpClient client = null!;

    [SetUp]
    public async Task StartGatewayAsync()
    {
        database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        var overrides = new Dictionary<string, string?>
        {
            ["RaffsSync:Providers:takeapp:RateLimit:PermitsPerSecond"] = "1",
            ["RaffsSync:Providers:takeapp:RateLimit:Burst"] = "3",
        };
        gateway = new GatewayFactory(database, Now, overrides);
        client = gateway.CreateClient();
    }

    [TearDown]
    public async Task StopGatewayAsync()
    {
        client.Dispose();
        await gateway.DisposeAsync();
        database.Dispose();
    }

    [Test]
    public async Task BurstThenLimit_Returns429WithRetryAfter()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add(await SendTakeAppAsync($"msg_burst_{i}"));
        }

        using var limited = await client.SendAsync(
            Signer.TakeAppRequest("msg_burst_3", Signer.TakeAppOrderBody("o"), Now)
        );
        var problem = await limited.Content.ReadAsStringAsync();

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Accepted));
        Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(limited.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(problem, Does.Contain("\"reason\":\"rate_limited\""));
        Assert.That(await gateway.CountInboxRowsAsync(), Is.EqualTo(3));
    }

    [Test]
    public async Task AfterRetryAfter_RequestsPassAgain()
    {
        for (var i = 0; i < 4; i++)
        {
            await SendTakeAppAsync($"msg_wait_{i}");
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var status = await SendTakeAppAsync("msg_wait_after");

        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task FloodOnOneProvider_LeavesOthersServed()
    {
        for (var i = 0; i < 20; i++)
        {
            await SendTakeAppAsync($"msg_flood_{i}");
        }

        var iseller = await SendISellerAsync();
        using var health = await client.GetAsync("/webhooks/v1/takeapp");
        using var liveness = await client.GetAsync("/healthz");

        Assert.That(await SendTakeAppAsync("msg_flood_last"), Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(iseller, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(liveness.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task SourceBucket_IsSmallerAndPerProvider()
    {
        var overrides = new Dictionary<string, string?>
        {
            ["RaffsSync:SourceRateLimit:PermitsPerSecond"] = "1",
            ["RaffsSync:SourceRateLimit:Burst"] = "2",
        };
        using var sourceDatabase = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var sourceGateway = new GatewayFactory(sourceDatabase, Now, overrides);
        client.Dispose();
        client = sourceGateway.CreateClient();

        var first = await SendTakeAppAsync("msg_source_0");
        var second = await SendTakeAppAsync("msg_source_1");
        var third = await SendTakeAppAsync("msg_source_2");
        var otherProvider = await SendISellerAsync();

        Assert.That(first, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(second, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(third, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(otherProvider, Is.EqualTo(HttpStatusCode.Accepted));
    }

    private async Task<HttpStatusCode> SendTakeAppAsync(string id)
    {
        using var request = Signer.TakeAppRequest(id, Signer.TakeAppOrderBody("o_" + id), Now);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> SendISellerAsync()
    {
        var body = Encoding.UTF8.GetBytes("{\"order_id\":\"o-rate\",\"updated_at\":\"2026-12-04T11:00:00Z\"}");
        const string timestamp = "2026-12-04T12:00:00Z";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/v1/iseller/order")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.Add("Timestamp", timestamp);
        request.Headers.Add("Signature", Signer.ISeller(Signer.ISellerSecret, body, timestamp));
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
