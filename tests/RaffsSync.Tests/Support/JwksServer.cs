using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RaffsSync.Tests.Support;

/// <summary>
/// A Kestrel server on 127.0.0.1 and a free port that serves <see cref="Document"/> at <c>/jwks</c> and
/// counts the requests, so tests see when the gateway fetches.
/// </summary>
public sealed class JwksServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private int requestCount;

    private JwksServer(WebApplication app)
    {
        this.app = app;
    }

    /// <summary>The JWKS served; change it to rotate keys.</summary>
    public string Document { get; set; } = """{"keys":[]}""";

    /// <summary>Status code sent instead of the document when not 200, to simulate an outage.</summary>
    public int StatusCode { get; set; } = 200;

    public int RequestCount => Volatile.Read(ref requestCount);

    public Uri Url { get; private set; } = null!;

    public static async Task<JwksServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new JwksServer(builder.Build());
        server.app.MapGet("/jwks", server.Serve);
        await server.app.StartAsync();

        var address = server
            .app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        server.Url = new Uri(new Uri(address), "/jwks");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private IResult Serve()
    {
        Interlocked.Increment(ref requestCount);
        return StatusCode == 200 ? Results.Text(Document, "application/json") : Results.StatusCode(StatusCode);
    }
}
