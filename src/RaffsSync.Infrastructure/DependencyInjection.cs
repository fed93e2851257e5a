using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Inbox;
using RaffsSync.Application.Processing;
using RaffsSync.Application.Records;
using RaffsSync.Application.Verification;
using RaffsSync.Infrastructure.Persistence;
using RaffsSync.Infrastructure.Persistence.Inbox;
using RaffsSync.Infrastructure.Persistence.Processing;
using RaffsSync.Infrastructure.Persistence.Records;
using RaffsSync.Infrastructure.Verification;

namespace RaffsSync.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the database chosen by <c>RaffsSync:Storage:Provider</c> (its DbContext, inbox writer and
    /// readiness check), the scoped inbox store, transactions and record writers that processing uses, and the
    /// <c>jwt</c> verification scheme with the HTTP client that fetches JWKS.
    /// </summary>
    public static IServiceCollection AddRaffsSyncInfrastructure(this IServiceCollection services)
    {
        services.AddSingleton(provider => new StorageConfiguration(
            provider.GetRequiredService<IOptions<RaffsSyncOptions>>().Value.Storage
        ));
        services.AddScoped(provider => provider.GetRequiredService<StorageConfiguration>().CreateContext());
        services.AddSingleton(provider =>
            provider
                .GetRequiredService<StorageConfiguration>()
                .CreateInboxWriter(provider.GetRequiredService<ILoggerFactory>())
        );

        services.AddScoped<IDatabaseTransactions, DatabaseTransactions>();
        services.AddScoped<IInboxStore, InboxStore>();
        services.AddScoped<ITransactionalInboxWriter, TransactionalInboxWriter>();
        services.AddScoped<IOrderWriter, OrderWriter>();
        services.AddScoped<IInventoryLevelWriter, InventoryLevelWriter>();
        services.AddScoped<IRefreshRequestWriter, RefreshRequestWriter>();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        services.AddSingleton<IVerificationScheme, JwtScheme>();
        services.AddHttpClient(JwtScheme.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(10);
            client.MaxResponseContentBufferSize = JwksDocument.MaxBytes;
        });
        return services;
    }
}
