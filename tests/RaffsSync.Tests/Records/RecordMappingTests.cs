using System.Text.Json;
using RaffsSync.Application.Processing;
using RaffsSync.Application.Providers.Accurate;
using RaffsSync.Application.Records;

namespace RaffsSync.Tests.Records;

/// <summary>Conversions from payload values to record values, without a database.</summary>
public sealed class RecordMappingTests
{
    [TestCase(150000, "IDR", 15000000)]
    [TestCase(12.34, "SGD", 1234)]
    [TestCase(1500, "JPY", 1500)]
    [TestCase(1.234, "KWD", 1234)]
    [TestCase(0, "USD", 0)]
    public void MinorUnits_ScaleByCurrencyExponent(decimal amount, string currency, long expected)
    {
        Assert.That(CurrencyMinorUnits.ToMinorUnits(amount, currency, "total_amount"), Is.EqualTo(expected));
    }

    [Test]
    public void MinorUnits_RejectExtraDecimals()
    {
        var exception = Assert.Throws<InvalidEventPayloadException>(() =>
            CurrencyMinorUnits.ToMinorUnits(10.5m, "JPY", "total_amount")
        );

        Assert.That(exception.Message, Is.EqualTo("total_amount has more decimals than JPY allows."));
    }

    [Test]
    public void MinorUnits_RejectAmountsBeyondInt64()
    {
        var exception = Assert.Throws<InvalidEventPayloadException>(() =>
            CurrencyMinorUnits.ToMinorUnits(decimal.MaxValue, "KWD", "total_amount")
        );

        Assert.That(exception.Message, Is.EqualTo("total_amount is too large."));
    }

    [TestCase("SALES_INVOICE", "salesInvoice")]
    [TestCase("ITEM", "item")]
    [TestCase("PURCHASE_ORDER", "purchaseOrder")]
    public void AccurateType_BecomesPropertyPrefix(string type, string expected)
    {
        Assert.That(AccurateRecordMapping.ToCamelCase(type), Is.EqualTo(expected));
    }

    [Test]
    public void AccurateTimestamp_IsReadAsUtcPlusSeven()
    {
        Assert.That(AccurateEnvelope.TryParseTimestamp("04/12/2026 18:05:00", out var instant), Is.True);
        Assert.That(instant, Is.EqualTo(new DateTimeOffset(2026, 12, 4, 11, 5, 0, TimeSpan.Zero)));
        Assert.That(instant.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(AccurateEnvelope.TryParseTimestamp("2026-12-04 18:05:00", out _), Is.False);
    }

    [Test]
    public void RefreshRequest_ReadsIdSentAsString()
    {
        using var document = JsonDocument.Parse("""{"customerId":"77","customerNo":"C-77","action":"WRITE"}""");

        var update = AccurateRecordMapping.ToRefreshRequest(
            document.RootElement,
            "data[0]",
            "CUSTOMER",
            101,
            DateTimeOffset.UnixEpoch,
            "101:u"
        );

        Assert.That(update.RecordId, Is.EqualTo(77));
        Assert.That(update.RecordNumber, Is.EqualTo("C-77"));
        Assert.That(update.Action, Is.EqualTo("WRITE"));
    }

    [Test]
    public void InventoryLevel_RejectsQuantityBeyondScale()
    {
        using var document = JsonDocument.Parse("""{"itemId":1,"warehouseId":2,"quantity":1.23456}""");

        var exception = Assert.Throws<InvalidEventPayloadException>(() =>
            AccurateRecordMapping.ToInventoryLevel(document.RootElement, "data[0]", 101, DateTimeOffset.UnixEpoch, "e")
        );

        Assert.That(
            exception.Message,
            Is.EqualTo("data[0].quantity must have at most 15 digits before and 4 after the point.")
        );
    }

    [TestCase("sgd", "SGD")]
    [TestCase("IDR", "IDR")]
    public void Currency_IsUpperCased(string value, string expected)
    {
        Assert.That(PayloadFields.Currency(value, "currency"), Is.EqualTo(expected));
    }

    [TestCase("SG")]
    [TestCase("S1D")]
    [TestCase("SGDX")]
    public void Currency_RejectsNonIsoCodes(string value)
    {
        Assert.Throws<InvalidEventPayloadException>(() => PayloadFields.Currency(value, "currency"));
    }
}
