using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RaffsSync.Infrastructure.Persistence;

namespace RaffsSync.Tests.Support;

/// <summary>
/// The real gateway in memory, with the fixture provider settings, a chosen database and a pinned clock.
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
        });
    }
}
