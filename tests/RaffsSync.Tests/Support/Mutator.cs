using System.Text;

namespace RaffsSync.Tests.Support;

/// <summary>
/// Random changes to a recorded request: bytes, lengths, headers, encodings and paths.
/// </summary>
public static class Mutator
{
    public sealed record Mutation(FixtureRequest Request, string Description);

    public static Mutation Mutate(FixtureRequest original, Random random)
    {
        var body = Convert.FromBase64String(original.BodyBase64);
        var headers = new Dictionary<string, string>(original.Headers, StringComparer.OrdinalIgnoreCase);
        var path = original.Path;
        string description;

        switch (random.Next(12))
        {
            case 0 when body.Length > 0:
                var index = random.Next(body.Length);
                body[index] ^= (byte)(1 << random.Next(8));
                description = $"flip a bit at byte {index}";
                break;
            case 1:
                var length = random.Next(body.Length + 1);
                body = body[..length];
                description = $"truncate the body to {length} bytes";
                break;
            case 2:
                var extra = new byte[random.Next(1, 64)];
                random.NextBytes(extra);
                body = [.. body, .. extra];
                description = $"append {extra.Length} random bytes";
                break;
            case 3:
                var name = Pick(headers.Keys, random);
                headers.Remove(name);
                description = $"remove header {name}";
                break;
            case 4:
                var changed = Pick(headers.Keys, random);
                headers[changed] = MutateText(headers[changed], random);
                description = $"change header {changed}";
                break;
            case 5:
                headers["Content-Type"] = Pick(
                    ["text/plain", "application/xml", "application/json; charset=latin1", "", "*/*"],
                    random
                );
                description = $"content type {headers["Content-Type"]}";
                break;
            case 6:
                headers["Content-Encoding"] = Pick(["gzip", "deflate", "br", "identity"], random);
                description = $"content encoding {headers["Content-Encoding"]}";
                break;
            case 7:
                body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).ToUpperInvariant());
                description = "upper-case the body";
                break;
            case 8:
                var upper = Pick(headers.Keys, random);
                var value = headers[upper];
                headers.Remove(upper);
                headers[upper.ToUpperInvariant()] = value;
                description = $"upper-case header name {upper}";
                break;
            case 9:
                path += Pick(["/x", "/X.Y_z-1", "/../admin", "/%2e%2e", "/" + new string('a', 70), "?a=1"], random);
                description = $"path {path}";
                break;
            case 10:
                body = [0xEF, 0xBB, 0xBF, .. body];
                description = "prepend a byte-order mark";
                break;
            default:
                description = "unchanged";
                break;
        }

        var request = new FixtureRequest
        {
            Method = original.Method,
            Path = path,
            Headers = headers,
            BodyBase64 = Convert.ToBase64String(body),
        };
        return new Mutation(request, description);
    }

    private static string MutateText(string text, Random random)
    {
        if (text.Length == 0)
        {
            return "x";
        }

        var characters = text.ToCharArray();
        var index = random.Next(characters.Length);
        characters[index] = (char)random.Next(0x21, 0x7F);
        return new string(characters);
    }

    private static string Pick(IEnumerable<string> values, Random random)
    {
        var list = values.ToList();
        return list.Count == 0 ? "x-none" : list[random.Next(list.Count)];
    }
}
