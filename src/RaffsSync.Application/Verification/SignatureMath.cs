using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;

namespace RaffsSync.Application.Verification;

/// <summary>
/// Decoding and comparison helpers shared by the schemes. Comparisons are constant-time for equal lengths.
/// </summary>
internal static class SignatureMath
{
    private const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>Parses whole Unix seconds: digits only, at most 12 of them, so milliseconds and overflow fail.</summary>
    public static bool TryParseUnixSeconds(string? value, out long seconds)
    {
        seconds = 0;
        if (string.IsNullOrEmpty(value) || value.Length > 12)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);
    }

    /// <summary>
    /// Parses whole Unix seconds as <see cref="TryParseUnixSeconds"/> does, into an instant; false past
    /// 9999-12-31, the last second <see cref="DateTimeOffset"/> can hold.
    /// </summary>
    public static bool TryParseUnixTime(string? value, out DateTimeOffset instant)
    {
        instant = default;
        if (!TryParseUnixSeconds(value, out var seconds) || seconds > MaxUnixSeconds)
        {
            return false;
        }

        instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    /// <summary>Checks that <paramref name="signedAt"/> lies within the tolerance of <paramref name="now"/>, both ways, edges included.</summary>
    public static bool IsWithinWindow(DateTimeOffset signedAt, DateTimeOffset now, int toleranceSeconds)
    {
        var difference = (now - signedAt).Duration();
        return difference <= TimeSpan.FromSeconds(toleranceSeconds);
    }

    /// <summary>Decodes hex in either case into <paramref name="destination"/>; false on odd length or a non-hex digit.</summary>
    public static bool TryDecodeHex(ReadOnlySpan<char> hex, Span<byte> destination, out int written)
    {
        written = 0;
        if (hex.Length % 2 != 0 || hex.Length / 2 > destination.Length)
        {
            return false;
        }

        var status = Convert.FromHexString(hex, destination, out _, out written);
        return status == OperationStatus.Done;
    }

    /// <summary>Decodes standard base64 into <paramref name="destination"/>; false when invalid or too long.</summary>
    public static bool TryDecodeBase64(ReadOnlySpan<char> base64, Span<byte> destination, out int written)
    {
        written = 0;
        if (base64.Length / 4 * 3 > destination.Length + 2)
        {
            return false;
        }

        return Convert.TryFromBase64Chars(base64, destination, out written);
    }

    public static bool FixedTimeEquals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        CryptographicOperations.FixedTimeEquals(left, right);

    /// <summary>
    /// Compares two secrets of any length in constant time, by comparing their SHA-256 digests.
    /// </summary>
    public static bool FixedTimeEqualsAnyLength(ReadOnlySpan<byte> presented, ReadOnlySpan<byte> expectedSha256)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(presented, digest);
        return CryptographicOperations.FixedTimeEquals(digest, expectedSha256);
    }
}
