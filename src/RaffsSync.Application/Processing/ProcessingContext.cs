using Microsoft.Extensions.DependencyInjection;

namespace RaffsSync.Application.Processing;

/// <summary>
/// What a handler gets besides the event: the services of the processing scope, whose record writers share the
/// transaction that also records the event's outcome, and the time of the attempt.
/// </summary>
public sealed class ProcessingContext
{
    public required IServiceProvider Services { get; init; }

    /// <summary>The time the attempt started, from the gateway's clock.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The attempt number, starting at 1.</summary>
    public required int Attempt { get; init; }

    public T GetRequiredService<T>()
        where T : notnull => Services.GetRequiredService<T>();
}
