using RaffsSync.Tests.Support;

namespace RaffsSync.Tests;

/// <summary>
/// One PostgreSQL server for the whole test run, started on first use and stopped when the run ends.
/// </summary>
[SetUpFixture]
public sealed class SharedPostgres
{
    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static PostgresServer? server;

    public static async Task<PostgresServer> GetAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            server ??= await PostgresServer.StartAsync();
            return server;
        }
        finally
        {
            StartLock.Release();
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
            server = null;
        }
    }
}
