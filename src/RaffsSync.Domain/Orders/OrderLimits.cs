using RaffsSync.Domain.Inbox;

namespace RaffsSync.Domain.Orders;

/// <summary>
/// Column lengths of orders and their line items, shared by the handlers' checks and the database schema.
/// </summary>
public static class OrderLimits
{
    /// <summary>The source is the provider code, such as <c>takeapp</c>.</summary>
    public const int SourceMaxLength = InboxLimits.ProviderMaxLength;

    public const int ExternalIdMaxLength = 200;

    public const int NumberMaxLength = 100;

    public const int StatusMaxLength = 50;

    /// <summary>An ISO 4217 alphabetic code.</summary>
    public const int CurrencyLength = 3;

    public const int CustomerIdMaxLength = 200;

    public const int ProductIdMaxLength = 200;

    public const int LineItemNameMaxLength = 500;

    /// <summary>Digits of a line item quantity, of which <see cref="QuantityScale"/> after the decimal point.</summary>
    public const int QuantityPrecision = 19;

    public const int QuantityScale = 4;
}
