using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace RaffsSync.Api.Logging;

/// <summary>
/// Redacts sensitive values in every log event before any sink receives it: a property whose name is sensitive, a
/// query parameter or JSON field with a sensitive name inside a string (such as ASP.NET Core's
/// <c>QueryString</c>), recursively through structures and sequences.
/// </summary>
/// <remarks>
/// Names match case-insensitively and ignore <c>_</c> and <c>-</c>, so <c>card_number</c> also covers
/// <c>cardNumber</c>. Exception messages are not rewritten; the gateway never puts payload data into one.
/// </remarks>
internal sealed partial class SensitiveDataEnricher : ILogEventEnricher
{
    public const string Redacted = "[REDACTED]";

    public static readonly IReadOnlyList<string> DefaultNames =
    [
        "password",
        "passwd",
        "token",
        "secret",
        "authorization",
        "cookie",
        "signature",
        "apikey",
        "phone",
        "email",
        "cardnumber",
        "cvv",
        "pan",
    ];

    private readonly HashSet<string> names;
    private readonly Regex queryParameter;
    private readonly Regex jsonField;

    public SensitiveDataEnricher(IEnumerable<string> sensitiveNames)
    {
        names = sensitiveNames.Select(Normalize).ToHashSet(StringComparer.Ordinal);
        var alternatives = string.Join('|', names.Select(Regex.Escape));
        queryParameter = new Regex(
            $@"(?<name>[\w-]*(?:{alternatives})[\w-]*)=(?<value>[^&\s""]*)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(50)
        );
        jsonField = new Regex(
            $@"""(?<name>[\w-]*(?:{alternatives})[\w-]*)""\s*:\s*(?<value>""(?:[^""\\]|\\.)*""|[^,}}\]\s]+)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(50)
        );
    }

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            var redacted = IsSensitive(name) ? new ScalarValue(Redacted) : Redact(value);
            if (!ReferenceEquals(redacted, value))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, redacted));
            }
        }
    }

    private bool IsSensitive(string name) => names.Contains(Normalize(name));

    private LogEventPropertyValue Redact(LogEventPropertyValue value) =>
        value switch
        {
            ScalarValue { Value: string text } => RedactText(text, value),
            StructureValue structure => RedactStructure(structure),
            SequenceValue sequence => new SequenceValue(sequence.Elements.Select(Redact)),
            DictionaryValue dictionary => new DictionaryValue(
                dictionary.Elements.Select(pair =>
                    KeyValuePair.Create(
                        pair.Key,
                        pair.Key.Value is string key && IsSensitive(key)
                            ? new ScalarValue(Redacted)
                            : Redact(pair.Value)
                    )
                )
            ),
            _ => value,
        };

    private LogEventPropertyValue RedactText(string text, LogEventPropertyValue original)
    {
        if (text.IndexOf('=', StringComparison.Ordinal) < 0 && text.IndexOf(':', StringComparison.Ordinal) < 0)
        {
            return original;
        }

        try
        {
            var result = queryParameter.Replace(text, match => $"{match.Groups["name"].Value}={Redacted}");
            result = jsonField.Replace(result, match => $"\"{match.Groups["name"].Value}\":\"{Redacted}\"");
            return result == text ? original : new ScalarValue(result);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological string is dropped whole rather than logged unredacted.
            return new ScalarValue(Redacted);
        }
    }

    private StructureValue RedactStructure(StructureValue structure) =>
        new(
            structure.Properties.Select(property => new LogEventProperty(
                property.Name,
                IsSensitive(property.Name) ? new ScalarValue(Redacted) : Redact(property.Value)
            )),
            structure.TypeTag
        );

    private static string Normalize(string name) =>
        name.Replace("_", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal)
            .ToLowerInvariant();
}
