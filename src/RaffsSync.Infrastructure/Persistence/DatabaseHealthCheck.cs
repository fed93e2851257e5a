using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RaffsSync.Infrastructure.Persistence;

/// <summary>
/// Readiness: healthy when the database responds to a query.
/// </summary>
internal sealed class DatabaseHealthCheck(RaffsSyncDbContext context) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext healthCheckContext,
        CancellationToken cancellationToken = default
    )
    {
        try
        {
            var canConnect = await context.Database.CanConnectAsync(cancellationToken);
            return canConnect
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
    }
}
