using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace RaffsSync.Tests.Support;

/// <summary>
/// A Serilog sink that keeps every event the gateway writes, rendered with all of its properties, so tests can
/// search the whole log output.
/// </summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public IReadOnlyCollection<LogEvent> Events => events;

    public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);

    /// <summary>Renders every event as JSON (message, template, properties, exception), one per line.</summary>
    public string RenderAll()
    {
        var formatter = new JsonFormatter(renderMessage: true);
        using var writer = new StringWriter();
        foreach (var logEvent in events)
        {
            formatter.Format(logEvent, writer);
        }

        return writer.ToString();
    }
}
