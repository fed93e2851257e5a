using RaffsSync.Application.Processing;

namespace RaffsSync.Application.Records;

/// <summary>
/// Converts amounts in major units, such as 1500.50, to the currency's minor units, such as 150050 cents.
/// </summary>
public static class CurrencyMinorUnits
{
    /// <summary>
    /// Currencies whose minor unit is not a hundredth, from the ISO 4217 list as of 2025-02-04 (the copy generated
    /// into Firefox's <c>CurrencyDataGenerated.js</c>). Every other code has two decimals, IDR and SGD included.
    /// </summary>
    private static readonly Dictionary<string, int> Exponents = new(StringComparer.Ordinal)
    {
        ["BHD"] = 3,
        ["BIF"] = 0,
        ["CLF"] = 4,
        ["CLP"] = 0,
        ["DJF"] = 0,
        ["GNF"] = 0,
        ["IQD"] = 3,
        ["ISK"] = 0,
        ["JOD"] = 3,
        ["JPY"] = 0,
        ["KMF"] = 0,
        ["KRW"] = 0,
        ["KWD"] = 3,
        ["LYD"] = 3,
        ["OMR"] = 3,
        ["PYG"] = 0,
        ["RWF"] = 0,
        ["TND"] = 3,
        ["UGX"] = 0,
        ["UYI"] = 0,
        ["UYW"] = 4,
        ["VND"] = 0,
        ["VUV"] = 0,
        ["XAF"] = 0,
        ["XOF"] = 0,
        ["XPF"] = 0,
    };

    /// <summary>Returns the number of decimals of an upper-case ISO 4217 code.</summary>
    public static int Exponent(string currency) => Exponents.GetValueOrDefault(currency, 2);

    /// <summary>
    /// Converts <paramref name="amount"/> to minor units of <paramref name="currency"/>. Throws
    /// <see cref="InvalidEventPayloadException"/> naming <paramref name="field"/> when the amount has more decimals
    /// than the currency or does not fit a 64-bit integer.
    /// </summary>
    public static long ToMinorUnits(decimal amount, string currency, string field)
    {
        decimal scaled;
        try
        {
            scaled = amount * Pow10(Exponent(currency));
        }
        catch (OverflowException)
        {
            throw PayloadFields.Invalid(field, "is too large");
        }

        if (decimal.Truncate(scaled) != scaled)
        {
            throw PayloadFields.Invalid(field, $"has more decimals than {currency} allows");
        }

        if (scaled is < long.MinValue or > long.MaxValue)
        {
            throw PayloadFields.Invalid(field, "is too large");
        }

        return (long)scaled;
    }

    private static decimal Pow10(int exponent)
    {
        var factor = 1m;
        for (var i = 0; i < exponent; i++)
        {
            factor *= 10;
        }

        return factor;
    }
}
