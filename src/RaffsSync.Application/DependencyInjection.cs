using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Processing;
using RaffsSync.Application.Providers;
using RaffsSync.Application.Providers.Accurate;
using RaffsSync.Application.Providers.ISeller;
using RaffsSync.Application.Providers.TakeApp;
using RaffsSync.Application.Verification;
using RaffsSync.Application.Webhooks;

namespace RaffsSync.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the verification schemes, provider handlers, validators and processing. The mediator and its
    /// pipeline order are registered by the host, which owns the source generator.
    /// </summary>
    public static IServiceCollection AddRaffsSyncApplication(this IServiceCollection services)
    {
        services.AddSingleton<IVerificationScheme, StandardWebhooksScheme>();
        services.AddSingleton<IVerificationScheme, ISellerScheme>();
        services.AddSingleton<IVerificationScheme, TokenScheme>();
        services.AddSingleton<IVerificationScheme, HmacScheme>();
        services.AddSingleton<IVerificationScheme, StripeScheme>();
        services.AddSingleton<IVerificationScheme, BasicScheme>();

        services.AddSingleton<WebhookHandler, TakeAppWebhookHandler>();
        services.AddSingleton<WebhookHandler, ISellerWebhookHandler>();
        services.AddSingleton<WebhookHandler, AccurateWebhookHandler>();

        services.AddValidatorsFromAssemblyContaining<TakeAppPayloadValidator>(
            ServiceLifetime.Singleton,
            includeInternalTypes: true
        );
        services.AddSingleton<WebhookProviderCatalog>();

        services.AddProcessing();
        return services;
    }

    /// <summary>
    /// Registers the inbox workers, inline processing and their settings check. The inbox, transactions and record
    /// writers they use come from the infrastructure.
    /// </summary>
    private static IServiceCollection AddProcessing(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<RaffsSyncOptions>, ProcessingOptionsValidator>();
        services.AddOptions<RaffsSyncOptions>().ValidateOnStart();
        services.AddMetrics();

        services.AddSingleton<ProcessingMetrics>();
        services.AddSingleton<ProcessingReporter>();
        services.AddSingleton<RetryBackoff>();
        services.AddSingleton<InboxProcessor>();
        services.AddSingleton<InlineProcessor>();
        services.AddHostedService<InboxWorkerService>();
        return services;
    }
}
