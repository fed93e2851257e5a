using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Inbox;
using RaffsSync.Infrastructure.Persistence;

namespace RaffsSync.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the database chosen by <c>RaffsSync:Storage:Provider</c>: its DbContext, inbox writer and
    /// readiness check.
    /// </summary>
    public static IServiceCollection AddRaffsSyncInfrastructure(this IServiceCollection services)
    {
        services.AddSingleton(provider => new StorageConfiguration(
            provider.GetRequiredService<IOptions<RaffsSyncOptions>>().Value.Storage
        ));
        services.AddScoped(provider => provider.GetRequiredService<StorageConfiguration>().CreateContext());
        services.AddSingleton(provider => provider.GetRequiredService<StorageConfiguration>().CreateInboxWriter());

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }
}
