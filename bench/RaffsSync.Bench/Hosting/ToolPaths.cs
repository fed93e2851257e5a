namespace RaffsSync.Bench.Hosting;

/// <summary>
/// The external programs the harness runs. The harness installs nothing: a missing program is reported with the
/// Debian package that provides it.
/// </summary>
internal sealed record ToolPaths(string Wrk, string PostgresBin)
{
    /// <summary>Finds the tools, or returns the list of what to install.</summary>
    public static (ToolPaths? Tools, List<string> Missing) Find()
    {
        var missing = new List<string>();
        var wrk = ProcessRunner.Find("wrk");
        if (wrk is null)
        {
            missing.Add("wrk (HTTP load generator): apt-get install wrk");
        }

        var postgresBin = FindPostgresBin();
        if (postgresBin is null)
        {
            missing.Add("PostgreSQL server binaries initdb, pg_ctl and pgbench: apt-get install postgresql");
        }

        return missing.Count == 0 ? (new ToolPaths(wrk!, postgresBin!), missing) : (null, missing);
    }

    /// <summary>
    /// Returns the first PATH directory with initdb, pg_ctl and pgbench, else the newest
    /// /usr/lib/postgresql/{version}/bin with all three, where Debian installs them.
    /// </summary>
    private static string? FindPostgresBin()
    {
        string[] tools = ["initdb", "pg_ctl", "pgbench"];
        bool HasTools(string directory) => tools.All(tool => File.Exists(Path.Combine(directory, tool)));

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var fromPath = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(HasTools);
        if (fromPath is not null)
        {
            return fromPath;
        }

        const string DebianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(DebianRoot))
        {
            return null;
        }

        return Directory
            .GetDirectories(DebianRoot)
            .Where(directory => int.TryParse(Path.GetFileName(directory), out _))
            .OrderByDescending(directory =>
                int.Parse(Path.GetFileName(directory), System.Globalization.CultureInfo.InvariantCulture)
            )
            .Select(directory => Path.Combine(directory, "bin"))
            .FirstOrDefault(HasTools);
    }
}
