using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace RaffsSync.Api.Hosting;

/// <summary>
/// Kestrel limits chosen for a webhook endpoint: senders send a few small headers and one body, so anything far
/// larger or slower is an attack or a broken client. <c>Kestrel:Limits:*</c> settings override each value.
/// </summary>
internal static class KestrelLimits
{
    public static void Apply(KestrelServerOptions options, IConfiguration configuration)
    {
        // Responses name no server software: the health response must reveal nothing beyond "alive".
        options.AddServerHeader = false;

        var limits = options.Limits;

        // Providers send 5 to 20 headers; 64 leaves room for proxies. More gets 431.
        limits.MaxRequestHeaderCount = 64;

        // 32 KiB of headers in total and 8 KiB for the request line (path and query).
        limits.MaxRequestHeadersTotalSize = 32 * 1024;
        limits.MaxRequestLineSize = 8 * 1024;

        // Slow-loris: headers must arrive within 10 s, and a body must keep at least 240 bytes/s after a 5 s grace.
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));

        // Senders reuse connections for retries; idle ones are closed after a minute.
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);

        // Each connection costs memory; 10,000 bounds it while leaving room for many senders' keep-alive connections.
        limits.MaxConcurrentConnections = 10_000;
        limits.MaxConcurrentUpgradedConnections = 0;

        // The body limit is each provider's MaxBodyBytes, enforced while reading.
        limits.MaxRequestBodySize = 32 * 1024 * 1024;

        configuration.GetSection("Kestrel:Limits").Bind(limits);
    }
}
