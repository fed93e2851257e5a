using System.Net;
using Microsoft.AspNetCore.Http;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Http;

/// <summary>
/// Source allow-lists (IPv4 and IPv6 CIDR) on the connection's address, and <c>X-Forwarded-For</c> applied
/// only from configured trusted proxies. The test server sets the connection's address directly.
/// </summary>
public sealed class SourceAddressTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static int deliveryNumber;

    [TestCase("203.0.113.7", 202)]
    [TestCase("203.0.113.255", 202)]
    [TestCase("203.0.114.1", 403)]
    [TestCase("2001:db8::5", 202)]
    [TestCase("2001:db9::5", 403)]
    [TestCase("::ffff:203.0.113.7", 202)]
    [TestCase("127.0.0.1", 403)]
    public async Task AllowList_ChecksConnectionAddress(string remote, int expected)
    {
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var factory = new GatewayFactory(database, Now, Settings());

        var (status, body) = await SendAsync(factory, remote, forwardedFor: null);

        Assert.That(status, Is.EqualTo(expected), body);
        Assert.That(await factory.CountInboxRowsAsync(), Is.EqualTo(expected == 202 ? 1 : 0));
        if (expected == 403)
        {
            Assert.That(body, Does.Contain("\"reason\":\"source_not_allowed\""));
        }
    }

    [TestCase("10.1.2.3", "203.0.113.7", 202, TestName = "TrustedProxy_ForwardedClientAllowed_Is202")]
    [TestCase("10.1.2.3", "198.51.100.1", 403, TestName = "TrustedProxy_ForwardedClientOutside_Is403")]
    [TestCase("10.1.2.3", "203.0.113.7, 10.9.9.9", 202, TestName = "TrustedProxy_ChainOfTrusted_Is202")]
    [TestCase("10.1.2.3", "203.0.113.7, 198.51.100.1", 403, TestName = "TrustedProxy_SpoofedHopBehindUntrusted_Is403")]
    [TestCase("198.51.100.9", "203.0.113.7", 403, TestName = "UntrustedSender_ForwardedForIgnored_Is403")]
    public async Task ForwardedFor_AppliedOnlyFromTrustedProxies(string remote, string forwardedFor, int expected)
    {
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        var settings = Settings();
        settings["RaffsSync:TrustedProxies:0"] = "10.0.0.0/8";
        await using var factory = new GatewayFactory(database, Now, settings);

        var (status, body) = await SendAsync(factory, remote, forwardedFor);

        Assert.That(status, Is.EqualTo(expected), body);
    }

    [TestCase("127.0.0.1")]
    [TestCase("10.1.2.3")]
    public async Task NoTrustedProxies_ForwardedForIgnored(string remote)
    {
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var factory = new GatewayFactory(database, Now, Settings());

        var (status, body) = await SendAsync(factory, remote, forwardedFor: "203.0.113.7");

        Assert.That(status, Is.EqualTo(403), body);
    }

    [Test]
    public async Task InvalidTrustedProxy_StopsStartUp()
    {
        var environment = new Dictionary<string, string> { ["RaffsSync__TrustedProxies__0"] = "10.0.0.0/40" };

        var (exitCode, output) = await GatewayProcess.RunUntilStartedOrExitedAsync(
            environment,
            TimeSpan.FromSeconds(60)
        );

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("RaffsSync:TrustedProxies:0 '10.0.0.0/40' is not a valid IP address"));
    }

    private static Dictionary<string, string?> Settings() =>
        new()
        {
            ["RaffsSync:Providers:takeapp:Verification:AllowedSources:0"] = "203.0.113.0/24",
            ["RaffsSync:Providers:takeapp:Verification:AllowedSources:1"] = "2001:db8::/32",
        };

    /// <summary>Sends a signed Take App delivery as if from <paramref name="remote"/>.</summary>
    private static async Task<(int Status, string Body)> SendAsync(
        GatewayFactory factory,
        string remote,
        string? forwardedFor
    )
    {
        var id = $"msg_source_{Interlocked.Increment(ref deliveryNumber)}";
        using var message = Signer.TakeAppRequest(id, Signer.TakeAppOrderBody("ord_1"), Now);
        var body = await message.Content!.ReadAsByteArrayAsync();

        var context = await factory.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            http.Request.Method = "POST";
            http.Request.Path = message.RequestUri!.OriginalString;
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(body);
            http.Request.ContentLength = body.Length;
            foreach (var header in message.Headers)
            {
                http.Request.Headers[header.Key] = header.Value.ToArray();
            }

            if (forwardedFor is not null)
            {
                http.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        });

        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }
}
