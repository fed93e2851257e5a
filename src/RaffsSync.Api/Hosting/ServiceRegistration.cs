using Mediator;
using RaffsSync.Api.Endpoints;
using RaffsSync.Api.Logging;
using RaffsSync.Api.RateLimiting;
using RaffsSync.Application;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Webhooks;
using RaffsSync.Infrastructure;

namespace RaffsSync.Api.Hosting;

internal static class ServiceRegistration
{
    public static IServiceCollection AddRaffsSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RaffsSyncOptions>(configuration.GetSection(RaffsSyncOptions.SectionName));
        services.AddSingleton(TimeProvider.System);
        services.AddRaffsSyncApplication();
        services.AddRaffsSyncInfrastructure();
        services.AddWebhookPipeline();

        services.Configure<RouteOptions>(options =>
        {
            options.SetParameterPolicy<ProviderRouteConstraint>(ProviderRouteConstraint.Name);
            options.SetParameterPolicy<TopicRouteConstraint>(TopicRouteConstraint.Name);
        });
        services.AddWebhookRateLimiting();
        services.AddTrustedProxies();
        services.AddSingleton<RejectionLog>();
        services.AddHostedService<RejectionLogFlusher>();
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.AddProblemDetails();
        return services;
    }

    /// <summary>
    /// Registers the mediator and the one pipeline order. Verification comes first, so an unauthenticated caller
    /// learns nothing about payload validity and costs no parsing. Validation comes before idempotency, so an
    /// invalid payload never occupies an event id. Idempotency comes last, so only new, valid, verified events
    /// reach the provider's handler.
    /// </summary>
    private static IServiceCollection AddWebhookPipeline(this IServiceCollection services)
    {
        services.AddMediator(
            (MediatorOptions options) =>
            {
                options.ServiceLifetime = ServiceLifetime.Singleton;
                options.Assemblies = [typeof(ReceiveWebhookCommand)];
                options.PipelineBehaviors =
                [
                    typeof(SignatureVerificationBehavior),
                    typeof(PayloadValidationBehavior),
                    typeof(IdempotencyBehavior),
                ];
            }
        );
        return services;
    }
}
