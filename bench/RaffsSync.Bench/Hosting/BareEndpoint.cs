namespace RaffsSync.Bench.Hosting;

/// <summary>
/// The HTTP ceiling: a plain ASP.NET Core app whose webhook route returns 202 without reading the body, built in
/// the same configuration and run with the same Kestrel defaults as the gateway.
/// </summary>
internal static class BareEndpoint
{
    public const string Command = "bare-endpoint";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var app = builder.Build();
        app.MapGet("/healthz", () => TypedResults.Ok());
        app.MapPost("/webhooks/v1/{provider}", () => TypedResults.StatusCode(StatusCodes.Status202Accepted));
        await app.RunAsync();
        return 0;
    }
}
