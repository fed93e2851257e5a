using System.Text.Json.Serialization;

namespace RaffsSync.Bench.Load;

/// <summary>The numbers that the wrk script prints at the end of a run; times are in microseconds.</summary>
internal sealed class WrkResult
{
    [JsonPropertyName("durationUs")]
    public long DurationUs { get; init; }

    [JsonPropertyName("requests")]
    public long Requests { get; init; }

    [JsonPropertyName("connectErrors")]
    public long ConnectErrors { get; init; }

    [JsonPropertyName("readErrors")]
    public long ReadErrors { get; init; }

    [JsonPropertyName("writeErrors")]
    public long WriteErrors { get; init; }

    [JsonPropertyName("timeouts")]
    public long Timeouts { get; init; }

    [JsonPropertyName("p50Us")]
    public long P50Us { get; init; }

    [JsonPropertyName("p90Us")]
    public long P90Us { get; init; }

    [JsonPropertyName("p99Us")]
    public long P99Us { get; init; }

    [JsonPropertyName("maxUs")]
    public long MaxUs { get; init; }

    /// <summary>Times a thread used up its pool and started it again.</summary>
    [JsonPropertyName("wraps")]
    public long Wraps { get; init; }

    /// <summary>Responses by HTTP status code.</summary>
    [JsonPropertyName("statuses")]
    public Dictionary<string, long> Statuses { get; init; } = [];

    /// <summary>CPU used during the run, filled in by <see cref="WrkRunner"/>.</summary>
    [JsonIgnore]
    public CpuShare Cpu { get; set; }

    public double DurationSeconds => DurationUs / 1_000_000.0;

    public long SocketErrors => ConnectErrors + ReadErrors + WriteErrors + Timeouts;

    public long Count(int status) =>
        Statuses.GetValueOrDefault(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

[JsonSerializable(typeof(WrkResult))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
