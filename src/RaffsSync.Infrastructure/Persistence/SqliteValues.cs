using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RaffsSync.Infrastructure.Persistence;

/// <summary>
/// How SQLite columns store times and ids, shared by the EF model and the raw SQL of the inbox writer.
/// </summary>
internal static class SqliteValues
{
    /// <summary>Stores a time as Unix microseconds in UTC, an integer that sorts and compares in SQL.</summary>
    public static long ToStorage(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.Ticks) / 10;

    public static DateTimeOffset FromStorage(long value) =>
        new(DateTimeOffset.UnixEpoch.Ticks + (value * 10), TimeSpan.Zero);

    /// <summary>Stores an id as lower-case text, readable in the sqlite3 shell.</summary>
    public static string ToStorage(Guid value) => value.ToString("D");

    internal sealed class DateTimeOffsetConverter()
        : ValueConverter<DateTimeOffset, long>(value => ToStorage(value), value => FromStorage(value));

    internal sealed class GuidConverter()
        : ValueConverter<Guid, string>(value => ToStorage(value), value => Guid.Parse(value));
}
