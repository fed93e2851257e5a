using System.Buffers;
using System.Text;
using RaffsSync.Application.Configuration;

namespace RaffsSync.Application.Verification;

/// <summary>
/// The bytes an <c>hmac</c> sender signs, such as <c>v0:{timestamp}:{body}</c>: literal text in UTF-8, the
/// timestamp header's value and the raw body, in template order.
/// </summary>
internal sealed class SignedContentTemplate
{
    public const string BodyPlaceholder = "{body}";
    public const string TimestampPlaceholder = "{timestamp}";

    private const string Setting = "Verification:SignedContent";

    private readonly List<Part> parts;

    private SignedContentTemplate(List<Part> parts)
    {
        this.parts = parts;
        HasTimestamp = parts.Exists(part => part.Kind == PartKind.Timestamp);
    }

    private enum PartKind
    {
        Literal,
        Timestamp,
        Body,
    }

    /// <summary>The raw body alone, used when no template is configured.</summary>
    public static SignedContentTemplate RawBody { get; } = new([new Part(PartKind.Body, [])]);

    public bool HasTimestamp { get; }

    /// <summary>
    /// Parses a template with exactly one <c>{body}</c> and at most one <c>{timestamp}</c>. Any other brace
    /// fails, so a mistyped placeholder is not signed as literal text.
    /// </summary>
    public static SignedContentTemplate Parse(string provider, string? template)
    {
        if (string.IsNullOrEmpty(template) || template == BodyPlaceholder)
        {
            return RawBody;
        }

        var parts = new List<Part>();
        var bodyCount = 0;
        var timestampCount = 0;
        var rest = template.AsSpan();
        while (!rest.IsEmpty)
        {
            var brace = rest.IndexOfAny('{', '}');
            var literalLength = brace < 0 ? rest.Length : brace;
            if (literalLength > 0)
            {
                parts.Add(new Part(PartKind.Literal, Encoding.UTF8.GetBytes(rest[..literalLength].ToString())));
                rest = rest[literalLength..];
                continue;
            }

            if (rest.StartsWith(BodyPlaceholder, StringComparison.Ordinal))
            {
                parts.Add(new Part(PartKind.Body, []));
                bodyCount++;
                rest = rest[BodyPlaceholder.Length..];
            }
            else if (rest.StartsWith(TimestampPlaceholder, StringComparison.Ordinal))
            {
                parts.Add(new Part(PartKind.Timestamp, []));
                timestampCount++;
                rest = rest[TimestampPlaceholder.Length..];
            }
            else
            {
                throw new ProviderConfigurationException(
                    provider,
                    Setting,
                    "contains an unknown placeholder or a stray brace: only {timestamp} and {body} are supported."
                );
            }
        }

        if (bodyCount != 1 || timestampCount > 1)
        {
            throw new ProviderConfigurationException(
                provider,
                Setting,
                "must contain {body} exactly once and {timestamp} at most once."
            );
        }

        return new SignedContentTemplate(parts);
    }

    /// <summary>
    /// Writes the signed content into a buffer rented from <see cref="ArrayPool{T}.Shared"/>, which the caller
    /// returns. <paramref name="timestamp"/> is the timestamp header's value, already checked to be digits.
    /// </summary>
    public byte[] Render(string timestamp, ReadOnlySpan<byte> body, out int length)
    {
        var size = 0;
        foreach (var part in parts)
        {
            size += part.Kind switch
            {
                PartKind.Body => body.Length,
                PartKind.Timestamp => timestamp.Length,
                _ => part.Literal.Length,
            };
        }

        var buffer = ArrayPool<byte>.Shared.Rent(size);
        length = 0;
        foreach (var part in parts)
        {
            var destination = buffer.AsSpan(length);
            switch (part.Kind)
            {
                case PartKind.Body:
                    body.CopyTo(destination);
                    length += body.Length;
                    break;
                case PartKind.Timestamp:
                    length += Encoding.ASCII.GetBytes(timestamp, destination);
                    break;
                default:
                    part.Literal.CopyTo(destination);
                    length += part.Literal.Length;
                    break;
            }
        }

        return buffer;
    }

    /// <summary>One piece of the template; <see cref="Literal"/> is empty unless the kind is literal text.</summary>
    private readonly record struct Part(PartKind Kind, byte[] Literal);
}
