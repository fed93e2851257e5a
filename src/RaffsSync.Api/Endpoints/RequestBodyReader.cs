using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace RaffsSync.Api.Endpoints;

/// <summary>
/// Reads a request body into a pooled buffer, stopping at the provider's limit: a body that declares more is
/// refused before any byte is read, and a chunked body is cut off one byte past the limit.
/// </summary>
internal sealed class RequestBodyReader : IDisposable
{
    private byte[] buffer = [];

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Body => buffer.AsMemory(0, Length);

    /// <summary>True when the body fits the limit; false when it is larger.</summary>
    public async Task<bool> TryReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var feature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            // The gateway enforces the provider's limit itself; Kestrel's own limit must not cut in first.
            feature.MaxRequestBodySize = null;
        }

        var initial = (int)Math.Min(request.ContentLength ?? 16 * 1024, maxBytes) + 1;
        buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initial, 256));

        while (true)
        {
            if (Length == buffer.Length)
            {
                Grow(maxBytes);
            }

            var read = await request.Body.ReadAsync(buffer.AsMemory(Length), cancellationToken);
            if (read == 0)
            {
                return true;
            }

            Length += read;
            if (Length > maxBytes)
            {
                return false;
            }
        }
    }

    public void Dispose()
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }

    private void Grow(long maxBytes)
    {
        var size = (int)Math.Min((long)buffer.Length * 2, maxBytes + 1);
        var larger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, Length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
