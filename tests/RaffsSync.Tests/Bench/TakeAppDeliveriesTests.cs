using System.Globalization;
using System.Text;
using RaffsSync.Bench.Deliveries;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Bench;

/// <summary>
/// The benchmark's delivery generator: the requests it hands to wrk must be ones the gateway accepts.
/// </summary>
public sealed class TakeAppDeliveriesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 11, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task RawRequests_AcceptedThenDuplicate()
    {
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var factory = new GatewayFactory(database, Now);
        using var client = factory.CreateClient();
        var deliveries = new TakeAppDeliveries(TakeAppDeliveries.FixtureSecret, Now, "127.0.0.1:8080", "test");

        for (var index = 0; index < 3; index++)
        {
            using var request = ParseRawRequest(deliveries.RawRequest(index));
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.EqualTo(202), $"delivery {index}: {body}");
        }

        using var repeat = ParseRawRequest(deliveries.RawRequest(0));
        using var repeatResponse = await client.SendAsync(repeat);
        Assert.That((int)repeatResponse.StatusCode, Is.EqualTo(409), "a repeated delivery");
        Assert.That(await factory.CountInboxRowsAsync(), Is.EqualTo(3));
    }

    [Test]
    public void RawRequest_ContentLengthMatchesBody()
    {
        var deliveries = new TakeAppDeliveries(TakeAppDeliveries.FixtureSecret, Now, "127.0.0.1:8080", "test");

        var raw = deliveries.RawRequest(7);
        var separator = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(raw[(separator + 4)..]);

        Assert.That(body, Has.Length.EqualTo(1024));
        Assert.That(body, Is.EqualTo(TakeAppDeliveries.Body));
        Assert.That(raw, Does.Contain("\r\nContent-Length: 1024\r\n"));
    }

    [Test]
    public void FixtureSecret_IsGatewayFixtureSecret()
    {
        Assert.That(TakeAppDeliveries.FixtureSecret, Is.EqualTo(Signer.TakeAppSecret));
    }

    [Test]
    public void WritePools_SplitsDistinctSignedIds()
    {
        var folder = Directory.CreateTempSubdirectory("raffssync-pool-test-").FullName;
        try
        {
            var deliveries = new TakeAppDeliveries(TakeAppDeliveries.FixtureSecret, Now, "127.0.0.1:8080", "test");
            var prefix = Path.Combine(folder, "pool");

            deliveries.WritePools(prefix, threads: 2, perThread: 3);

            var lines = Enumerable
                .Range(0, 2)
                .SelectMany(thread => File.ReadAllLines($"{prefix}-{thread}.txt"))
                .ToList();
            Assert.That(lines, Has.Count.EqualTo(6));
            var ids = lines.Select(line => line.Split('\t')[0]).ToList();
            Assert.That(ids, Is.Unique);
            foreach (var line in lines)
            {
                var fields = line.Split('\t');
                Assert.That(fields[1], Is.EqualTo(deliveries.Sign(fields[0])), fields[0]);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Sign_MatchesIndependentSigner()
    {
        var deliveries = new TakeAppDeliveries(TakeAppDeliveries.FixtureSecret, Now, "127.0.0.1:8080", "test");
        var eventId = deliveries.EventId(42);

        var expected = Signer.StandardWebhooks(
            Signer.TakeAppSecret,
            eventId,
            long.Parse(deliveries.Timestamp, CultureInfo.InvariantCulture),
            TakeAppDeliveries.Body
        );

        Assert.That("v1," + deliveries.Sign(eventId), Is.EqualTo(expected));
    }

    /// <summary>Builds a request from raw HTTP/1.1 text, keeping the headers and body bytes as written.</summary>
    private static HttpRequestMessage ParseRawRequest(string raw)
    {
        var separator = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = raw[..separator].Split("\r\n");
        var requestLine = head[0].Split(' ');
        var request = new HttpRequestMessage(new HttpMethod(requestLine[0]), requestLine[1])
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(raw[(separator + 4)..])),
        };
        request.Content.Headers.Clear();

        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }
}
