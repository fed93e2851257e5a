using System.Globalization;
using RaffsSync.Bench.Hosting;

namespace RaffsSync.Bench.Report;

/// <summary>
/// Facts about the machine for the report: cores, memory, CPU model, load, and the versions of the tools.
/// </summary>
internal static class MachineInfo
{
    /// <summary>Returns the 1, 5 and 15 minute load averages, as <c>uptime</c> prints them.</summary>
    public static async Task<string> LoadAverageAsync()
    {
        var fields = (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ');
        return $"{fields[0]}, {fields[1]}, {fields[2]}";
    }

    public static string CpuModel()
    {
        var line = File.ReadLines("/proc/cpuinfo")
            .FirstOrDefault(text => text.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    /// <summary>Returns the output of a command, or a note that it failed, for the report.</summary>
    public static async Task<string> CommandOutputAsync(string program, params string[] arguments)
    {
        try
        {
            return (await ProcessRunner.RunAsync(program, arguments, TimeSpan.FromSeconds(30))).TrimEnd();
        }
        catch (Exception exception)
            when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"({program} failed: {exception.Message.Split('\n')[0]})";
        }
    }

    public static string Cores() => Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
}
