using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace RaffsSync.Api.Hosting;

/// <summary>
/// <c>RaffsSync:TrustedProxies:0..n</c>: the addresses or CIDR blocks of reverse proxies in front of the gateway.
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are applied only to connections from those addresses,
/// so the source allow-lists and rate limits see the client behind the proxy. Anyone else's forwarded headers
/// are ignored, and with no trusted proxy (the default, loopback included) they are never read.
/// </summary>
internal static class TrustedProxies
{
    public const string SectionName = "RaffsSync:TrustedProxies";

    /// <summary>
    /// Registers the forwarded-headers options, read when the middleware is built so that every configuration
    /// source is loaded; an invalid entry then stops start-up with an <see cref="InvalidOperationException"/>.
    /// </summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services
            .AddOptions<ForwardedHeadersOptions>()
            .Configure<IConfiguration>(
                (options, configuration) =>
                {
                    var networks = Read(configuration);
                    options.KnownProxies.Clear();
                    options.KnownIPNetworks.Clear();
                    foreach (var network in networks)
                    {
                        options.KnownIPNetworks.Add(network);
                    }

                    // With both lists empty the middleware would trust every sender, so it must read nothing.
                    options.ForwardedHeaders =
                        networks.Count == 0
                            ? ForwardedHeaders.None
                            : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

                    // Walks a chain of trusted proxies right to left and stops at the first address that is not one.
                    options.ForwardLimit = null;
                }
            );
        return services;
    }

    private static List<IPNetwork> Read(IConfiguration configuration)
    {
        var values = configuration.GetSection(SectionName).Get<string[]>() ?? [];
        var networks = new List<IPNetwork>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var text = values[i].Trim();
            if (IPNetwork.TryParse(text, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(text, out var address))
            {
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else
            {
                throw new InvalidOperationException(
                    $"{SectionName}:{i} '{text}' is not a valid IP address or CIDR block, such as 10.0.0.0/8 or "
                        + "2001:db8::/32."
                );
            }
        }

        return networks;
    }
}
