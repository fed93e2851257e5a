using System.Net.Sockets;
using System.Text;

namespace RaffsSync.Tests.Support;

/// <summary>
/// Sends bytes to a server exactly as written, for requests that HttpClient would normalise or refuse to send
/// (dot segments, raw header lines, hundreds of headers).
/// </summary>
public static class RawHttp
{
    /// <summary>Sends <paramref name="head"/> (request line and headers) and <paramref name="body"/>, then returns the status code.</summary>
    public static async Task<int> SendAsync(Uri server, string head, byte[] body)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();

        var request = Encoding.Latin1.GetBytes(head.ReplaceLineEndings("\r\n").TrimEnd() + "\r\n\r\n");
        await stream.WriteAsync(request);
        await stream.WriteAsync(body);

        using var reader = new StreamReader(stream, Encoding.Latin1);
        var statusLine = await reader.ReadLineAsync()
            ?? throw new IOException("The server closed the connection without a response.");
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
