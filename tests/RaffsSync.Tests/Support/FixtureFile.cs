using System.Text.Json;
using System.Text.Json.Serialization;

namespace RaffsSync.Tests.Support;

/// <summary>
/// A recorded delivery file: ordered cases, each signed to be valid at <see cref="At"/>.
/// </summary>
public sealed class FixtureFile
{
    [JsonPropertyName("at")]
    public DateTimeOffset At { get; init; }

    [JsonPropertyName("cases")]
    public List<FixtureCase> Cases { get; init; } = [];

    public static FixtureFile Load(string fileName)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", fileName);
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<FixtureFile>(stream) ?? throw new InvalidDataException($"{path} is empty.");
    }

    public static string SettingsPath =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "appsettings.Fixtures.json");
}

public sealed class FixtureCase
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("request")]
    public FixtureRequest Request { get; init; } = new();

    [JsonPropertyName("expect")]
    public FixtureExpectation Expect { get; init; } = new();

    public override string ToString() => Name;
}

public sealed class FixtureRequest
{
    [JsonPropertyName("method")]
    public string Method { get; init; } = "POST";

    [JsonPropertyName("path")]
    public string Path { get; init; } = "";

    [JsonPropertyName("headers")]
    public Dictionary<string, string> Headers { get; init; } = [];

    [JsonPropertyName("bodyBase64")]
    public string BodyBase64 { get; init; } = "";

    /// <summary>Builds the request with the exact bytes and headers recorded.</summary>
    public HttpRequestMessage ToHttpRequest()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Path);
        var body = Convert.FromBase64String(BodyBase64);
        if (Method != "GET")
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.Clear();
        }

        foreach (var (name, value) in Headers)
        {
            if (name.StartsWith("content-", StringComparison.OrdinalIgnoreCase))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }
}

public sealed class FixtureExpectation
{
    [JsonPropertyName("status")]
    public int Status { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}
