using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RaffsSync.Application.Processing;
using RaffsSync.Infrastructure.Persistence;

namespace RaffsSync.Tests.Support;

/// <summary>
/// The real gateway in memory, with the fixture provider settings, a chosen database and a pinned clock. The
/// background workers are off unless a test sets <c>RaffsSync:Processing:Workers</c>: tests drive processing one
/// cycle at a time through <see cref="Processor"/>.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    public GatewayFactory(TestDatabase database, DateTimeOffset now, IDictionary<string, string?>? overrides = null)
    {
        Database = database;
        Clock = new FakeTimeProvider(now);
        settings = new Dictionary<string, string?>
        {
            ["RaffsSync:Storage:Provider"] = database.Provider,
            ["RaffsSync:Storage:ConnectionString"] = database.ConnectionString,
            ["RaffsSync:Processing:Workers"] = "0",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>Every log event the gateway writes.</summary>
    public CapturedLog Log { get; } = new();

    /// <summary>Settings files to load instead of the fixture settings, for start-up tests.</summary>
    public string? SettingsFile { get; init; } = FixtureFile.SettingsPath;

    /// <summary>Service registrations applied after the gateway's own, such as a test handler.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    public InboxProcessor Processor => Services.GetRequiredService<InboxProcessor>();

    public ProcessingMetrics Metrics => Services.GetRequiredService<ProcessingMetrics>();

    public async Task<int> CountInboxRowsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RaffsSyncDbContext>();
        return await context.InboxEvents.CountAsync();
    }

    public async Task<List<string>> ReadStoredHeadersAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RaffsSyncDbContext>();
        return await context.InboxEvents.Select(inboxEvent => inboxEvent.Headers).ToListAsync();
    }

    public async Task<List<byte[]>> ReadStoredBodiesAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RaffsSyncDbContext>();
        return await context.InboxEvents.Select(inboxEvent => inboxEvent.Body).ToListAsync();
    }

    /// <summary>Runs <paramref name="query"/> on a fresh DbContext.</summary>
    public async Task<T> QueryAsync<T>(Func<RaffsSyncDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RaffsSyncDbContext>();
        return await query(context);
    }

    /// <summary>Runs worker cycles until one claims nothing; returns the number of events claimed in all.</summary>
    public async Task<int> DrainAsync()
    {
        const int MaxCycles = 10_000;
        var total = 0;
        for (var cycle = 0; cycle < MaxCycles; cycle++)
        {
            var claimed = await Processor.RunOnceAsync(CancellationToken.None);
            if (claimed == 0)
            {
                return total;
            }

            total += claimed;
        }

        throw new InvalidOperationException($"The inbox was not drained after {MaxCycles} cycles.");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(configuration =>
        {
            if (SettingsFile is not null)
            {
                configuration.AddJsonFile(SettingsFile, optional: false);
            }

            configuration.AddInMemoryCollection(settings);
        });
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Serilog.Core.ILogEventSink>(Log);
            TestServices?.Invoke(services);
        });
    }
}
