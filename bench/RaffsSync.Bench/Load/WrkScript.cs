using System.Globalization;
using System.Text;
using RaffsSync.Bench.Deliveries;

namespace RaffsSync.Bench.Load;

/// <summary>
/// Writes the wrk Lua script that replays a delivery pool, counts response statuses, and prints one
/// <c>BENCH_RESULT {json}</c> line at the end.
/// </summary>
/// <remarks>
/// Script arguments after <c>--</c>: the pool file prefix, then <c>duplicate_every</c> (0 sends only new ids; 2 makes
/// every second request repeat an id sent <c>duplicate_lag</c> new requests earlier), then <c>duplicate_lag</c>, then
/// the mean delay in milliseconds before each request (paced scripts only). A thread that uses up its pool starts it
/// again and counts a wrap, so the result shows when an all-new run sent repeats.
/// </remarks>
internal static class WrkScript
{
    public const string ResultMarker = "BENCH_RESULT ";

    public static string Write(string path, TakeAppDeliveries deliveries, bool paced)
    {
        var script = new StringBuilder();
        script.AppendLine("-- Written by RaffsSync.Bench; see bench/RaffsSync.Bench/Load/WrkScript.cs.");
        script.Append("local head = ").AppendLine(LuaString(deliveries.RequestHead));
        script.Append("local separator = ").AppendLine(LuaString(TakeAppDeliveries.SignatureSeparator));
        script.Append("local tail = ").AppendLine(LuaString(deliveries.RequestTail));
        script.Append(Body);
        if (paced)
        {
            script.Append(Delay);
        }

        File.WriteAllText(path, script.ToString());
        return path;
    }

    /// <summary>Quotes a string for Lua, escaping every byte outside printable ASCII as <c>\ddd</c>.</summary>
    public static string LuaString(string value)
    {
        var quoted = new StringBuilder(value.Length + 16).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                quoted.Append('\\').Append(c);
            }
            else if (c is >= ' ' and <= '~')
            {
                quoted.Append(c);
            }
            else if (c <= 0xFF)
            {
                quoted.Append('\\').Append(((int)c).ToString("D3", CultureInfo.InvariantCulture));
            }
            else
            {
                throw new ArgumentException("The request template must be ASCII.", nameof(value));
            }
        }

        return quoted.Append('"').ToString();
    }

    private const string Body = """
        local threads = {}

        function setup(thread)
          thread:set("thread_index", #threads)
          table.insert(threads, thread)
        end

        function init(args)
          duplicate_every = tonumber(args[2])
          duplicate_lag = tonumber(args[3])
          mean_delay_ms = tonumber(args[4] or "0")
          math.randomseed(thread_index + 1)
          entries = {}
          for line in io.lines(args[1] .. "-" .. thread_index .. ".txt") do
            local tab = line:find("\t", 1, true)
            entries[#entries + 1] = line:sub(1, tab - 1) .. separator .. line:sub(tab + 1)
          end
          next_new = 1
          sent = 0
          wrapped = 0
          statuses = {}
        end

        function request()
          sent = sent + 1
          if duplicate_every > 0 and sent % duplicate_every == 0 and next_new > 1 then
            local earlier = next_new - duplicate_lag
            if earlier < 1 then
              earlier = 1
            end
            return head .. entries[earlier] .. tail
          end
          if next_new > #entries then
            next_new = 1
            wrapped = wrapped + 1
          end
          local entry = entries[next_new]
          next_new = next_new + 1
          return head .. entry .. tail
        end

        function response(status, headers, body)
          statuses[status] = (statuses[status] or 0) + 1
        end

        function done(summary, latency, requests)
          local totals = {}
          local total_wrapped = 0
          for _, thread in ipairs(threads) do
            for status, count in pairs(thread:get("statuses")) do
              totals[status] = (totals[status] or 0) + count
            end
            total_wrapped = total_wrapped + thread:get("wrapped")
          end
          local parts = {}
          for status, count in pairs(totals) do
            parts[#parts + 1] = string.format('"%d":%d', status, count)
          end
          local errors = summary.errors
          io.write(string.format(
            'BENCH_RESULT {"durationUs":%d,"requests":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,'
              .. '"timeouts":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,"wraps":%d,"statuses":{%s}}\n',
            summary.duration, summary.requests, errors.connect, errors.read, errors.write, errors.timeout,
            latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
            total_wrapped, table.concat(parts, ",")))
        end

        """;

    // wrk takes whole milliseconds from delay(), so the mean is reached by rounding up or down at random.
    private const string Delay = """
        function delay()
          local whole = math.floor(mean_delay_ms)
          if math.random() < mean_delay_ms - whole then
            whole = whole + 1
          end
          return whole
        end

        """;
}
