using System.Net;

namespace RaffsSync.Tests.Support;

/// <summary>
/// A body sent without Content-Length, as a chunked sender would, so the server cannot refuse it up front.
/// </summary>
public sealed class UnknownLengthContent(byte[] bytes) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
