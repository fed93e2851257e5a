using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RaffsSync.Api.Endpoints;
using RaffsSync.Api.Logging;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Providers;

namespace RaffsSync.Api.RateLimiting;

/// <summary>
/// Token buckets for deliveries: one per source address, then one per provider, so a noisy sender is cut off by
/// its own bucket before it spends its provider's tokens, and one provider's flood never spends another's.
/// Health endpoints and unknown providers are not limited.
/// </summary>
internal static class WebhookRateLimiting
{
    public const int DefaultProviderPermitsPerSecond = 1000;
    public const int DefaultProviderBurst = 2000;

    public static IServiceCollection AddWebhookRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejectedAsync;
        });
        services
            .AddOptions<RateLimiterOptions>()
            .Configure<IOptions<RaffsSyncOptions>, WebhookProviderCatalog>(
                (options, settings, catalog) =>
                    options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                        PerSource(settings.Value.SourceRateLimit),
                        PerProvider(catalog)
                    )
            );
        return services;
    }

    /// <summary>Marks an endpoint whose requests count against the buckets.</summary>
    public static RouteHandlerBuilder WithWebhookRateLimit(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new WebhookRateLimitMetadata());

    private static PartitionedRateLimiter<HttpContext> PerSource(RateLimitOptions settings) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (!IsLimited(context))
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            var source = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetTokenBucketLimiter(source, _ =>
                Bucket(settings, 2 * DefaultProviderPermitsPerSecond, 2 * DefaultProviderBurst)
            );
        });

    private static PartitionedRateLimiter<HttpContext> PerProvider(WebhookProviderCatalog catalog) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            // Only configured providers get a bucket, so random provider codes cannot create partitions.
            var code = context.GetRouteValue("provider") as string;
            if (!IsLimited(context) || code is null || !catalog.TryGet(code, out var provider))
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            return RateLimitPartition.GetTokenBucketLimiter(provider.Code, _ =>
                Bucket(provider.RateLimit, DefaultProviderPermitsPerSecond, DefaultProviderBurst)
            );
        });

    private static bool IsLimited(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<WebhookRateLimitMetadata>() is not null;

    private static TokenBucketRateLimiterOptions Bucket(RateLimitOptions settings, int defaultPermits, int defaultBurst)
    {
        var permits = Math.Max(1, settings.PermitsPerSecond ?? defaultPermits);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, settings.Burst ?? Math.Max(defaultBurst, permits)),
            TokensPerPeriod = permits,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var httpContext = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? wait
            : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var provider = httpContext.GetRouteValue("provider") as string ?? "unknown";
        httpContext.RequestServices.GetRequiredService<RejectionLog>().Record(provider, "rate_limited");

        var problem = WebhookResponses.Problem(
            httpContext,
            429,
            "rate_limited",
            "Too many deliveries; retry after the Retry-After delay."
        );
        await problem.ExecuteAsync(httpContext);
    }

    private sealed class WebhookRateLimitMetadata;
}
