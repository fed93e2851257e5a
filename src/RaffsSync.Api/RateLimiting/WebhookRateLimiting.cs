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
/// Token buckets for deliveries: one per source address and provider, then one per provider. A noisy sender is
/// cut off by its own bucket, which is smaller than the provider's, before it spends all of its provider's
/// tokens, and a flood on one provider never spends another provider's tokens, even from the same address.
/// Health endpoints are not limited, and unknown providers share one source bucket per address.
/// </summary>
internal static class WebhookRateLimiting
{
    public const int DefaultProviderPermitsPerSecond = 1000;
    public const int DefaultProviderBurst = 2000;
    public const int DefaultSourcePermitsPerSecond = 500;
    public const int DefaultSourceBurst = 1000;

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
                        PerSource(settings.Value.SourceRateLimit, catalog),
                        PerProvider(catalog)
                    )
            );
        return services;
    }

    /// <summary>Marks an endpoint whose requests count against the buckets.</summary>
    public static RouteHandlerBuilder WithWebhookRateLimit(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new WebhookRateLimitMetadata());

    private static PartitionedRateLimiter<HttpContext> PerSource(
        RateLimitOptions settings,
        WebhookProviderCatalog catalog
    ) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (!IsLimited(context))
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            var source = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var provider = context.GetRouteValue("provider") as string;
            var key = catalog.TryGet(provider ?? string.Empty, out _) ? $"{provider} {source}" : $"? {source}";
            return RateLimitPartition.GetTokenBucketLimiter(key, _ =>
                Bucket(settings, DefaultSourcePermitsPerSecond, DefaultSourceBurst)
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
