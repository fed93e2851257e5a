namespace RaffsSync.Application.Verification;

/// <summary>
/// The parts of a <c>Stripe-Signature</c> header: comma-separated <c>key=value</c> items.
/// </summary>
internal sealed class StripeSignatureHeader
{
    /// <summary>Longest header parsed, in characters: a <c>v1</c> entry is 68, so dozens fit.</summary>
    public const int MaxLength = 4096;

    private StripeSignatureHeader(string? timestamp, List<string> signatures)
    {
        Timestamp = timestamp;
        Signatures = signatures;
    }

    /// <summary>The <c>t</c> value as sent, or null when the header has none.</summary>
    public string? Timestamp { get; }

    /// <summary>The <c>v1</c> values in order; an empty value is kept and fails to decode later.</summary>
    public IReadOnlyList<string> Signatures { get; }

    /// <summary>
    /// Parses the header; false when it is empty, too long, or names <c>t</c> twice, because two readers could
    /// pick different timestamps. Items without <c>=</c> and keys other than <c>t</c> and <c>v1</c> are skipped.
    /// </summary>
    public static bool TryParse(string? value, out StripeSignatureHeader parsed)
    {
        parsed = new StripeSignatureHeader(null, []);
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength)
        {
            return false;
        }

        string? timestamp = null;
        var signatures = new List<string>();
        foreach (var item in value.Split(','))
        {
            var separator = item.IndexOf('=', StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var key = item[..separator].Trim();
            var itemValue = item[(separator + 1)..].Trim();
            if (key == "t")
            {
                if (timestamp is not null)
                {
                    return false;
                }

                timestamp = itemValue;
            }
            else if (key == "v1")
            {
                signatures.Add(itemValue);
            }
        }

        parsed = new StripeSignatureHeader(timestamp, signatures);
        return true;
    }
}
