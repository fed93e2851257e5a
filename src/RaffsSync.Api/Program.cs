using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using RaffsSync.Api.Endpoints;
using RaffsSync.Api.Hosting;
using RaffsSync.Api.Logging;
using RaffsSync.Application.Providers;
using RaffsSync.Infrastructure.Persistence;
using Serilog;

const string LogTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";

Log.Logger = new LoggerConfiguration().WriteTo.Console(outputTemplate: LogTemplate).CreateBootstrapLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    if (string.IsNullOrEmpty(builder.Configuration["urls"]))
    {
        builder.WebHost.UseUrls("http://127.0.0.1:5080");
    }

    builder.WebHost.ConfigureKestrel((context, options) => KestrelLimits.Apply(options, context.Configuration));

    // The console sink is set in code so that start-up failures show even without a settings file.
    builder.Services.AddSerilog(
        (services, logger) =>
            logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.With(new SensitiveDataEnricher(SensitiveNames(builder.Configuration)))
                .WriteTo.Console(outputTemplate: LogTemplate)
    );
    builder.Services.AddRaffsSync(builder.Configuration);

    var app = builder.Build();

    // Resolving the catalog validates every provider's settings; a bad one stops start-up here.
    app.Services.GetRequiredService<WebhookProviderCatalog>();
    await DatabaseInitializer.InitializeAsync(app.Services);

    // First, so every later step gets the address of the client behind a trusted proxy; no proxy is trusted unless configured.
    app.UseForwardedHeaders();
    app.UseExceptionHandler();

    // Routing's own 404 and 405 have no body; they get problem details like every other error.
    app.UseStatusCodePages(context => StatusCodeProblems.WriteAsync(context.HttpContext));
    app.UseRateLimiter();
    app.MapGet("/healthz", () => TypedResults.Json(new StatusBody("ok"), ApiJsonContext.Default.StatusBody));
    app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
    app.MapWebhookEndpoints();

    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (exception is not HostAbortedException)
{
    Log.Fatal(exception, "RaffsSync failed to start");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

static IEnumerable<string> SensitiveNames(IConfiguration configuration)
{
    var configured = configuration.GetSection("RaffsSync:Logging:SensitiveFields").Get<string[]>() ?? [];
    return SensitiveDataEnricher.DefaultNames.Concat(configured);
}

/// <summary>The entry point, public so that integration tests can host it.</summary>
public partial class Program;
