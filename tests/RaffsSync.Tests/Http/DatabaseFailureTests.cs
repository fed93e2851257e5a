using System.Net;
using System.Net.Sockets;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Http;

/// <summary>
/// An unreachable database: deliveries get 500 so the sender retries, and readiness fails.
/// </summary>
public sealed class DatabaseFailureTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task UnreachableDatabase_Returns500AndNotReady()
    {
        var overrides = new Dictionary<string, string?>
        {
            ["RaffsSync:Storage:Provider"] = "Postgres",
            ["RaffsSync:Storage:ConnectionString"] = $"Host=127.0.0.1;Port={UnusedPort()};Username=postgres;Timeout=2",
            ["RaffsSync:Storage:MigrateOnStartup"] = "false",
        };
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var factory = new GatewayFactory(database, Now, overrides);
        using var client = factory.CreateClient();
        using var request = Signer.TakeAppRequest("msg_500", Signer.TakeAppOrderBody("ord_1"), Now);

        using var response = await client.SendAsync(request);
        var problem = await response.Content.ReadAsStringAsync();
        using var readiness = await client.GetAsync("/readyz");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(problem, Does.Contain("\"reason\":\"internal_error\""));
        Assert.That(problem, Does.Not.Contain("127.0.0.1"));
        Assert.That(readiness.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
