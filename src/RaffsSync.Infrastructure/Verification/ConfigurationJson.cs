using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace RaffsSync.Infrastructure.Verification;

/// <summary>
/// Rebuilds JSON from a configuration section, so a JWKS written as a JSON object in appsettings (which
/// configuration flattens into keys such as <c>Jwks:keys:0:kty</c>) reads the same as one given as a string.
/// </summary>
/// <remarks>
/// Configuration keeps every value as a string, so numbers and booleans come back as strings. JWKS members
/// are strings, so a key set survives unchanged.
/// </remarks>
internal static class ConfigurationJson
{
    /// <summary>Returns the section as JSON text: children numbered 0 to n-1 become an array.</summary>
    public static string Write(IConfigurationSection section) => ToNode(section)!.ToJsonString();

    private static JsonNode? ToNode(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return section.Value is null ? null : JsonValue.Create(section.Value);
        }

        if (IsArray(children))
        {
            var array = new JsonArray();
            foreach (var child in children.OrderBy(child => int.Parse(child.Key, CultureInfo.InvariantCulture)))
            {
                array.Add(ToNode(child));
            }

            return array;
        }

        var obj = new JsonObject();
        foreach (var child in children)
        {
            obj[child.Key] = ToNode(child);
        }

        return obj;
    }

    private static bool IsArray(List<IConfigurationSection> children)
    {
        var indexes = new HashSet<int>();
        foreach (var child in children)
        {
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                return false;
            }

            indexes.Add(index);
        }

        return indexes.Count == children.Count && indexes.Min() == 0 && indexes.Max() == children.Count - 1;
    }
}
