using Serilog.Events;

namespace RaffsSync.Tests.Support;

public static class CapturedLogQueries
{
    /// <summary>Returns the events whose message template starts with <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<LogEvent> WithTemplate(this CapturedLog log, string prefix) =>
        log.Events.Where(e => e.MessageTemplate.Text.StartsWith(prefix, StringComparison.Ordinal)).ToList();
}
