using System.Globalization;
using System.Text;
using System.Text.Json;
using RaffsSync.Application.Records;
using RaffsSync.Domain.Inventory;
using RaffsSync.Domain.Refresh;

namespace RaffsSync.Application.Providers.Accurate;

/// <summary>
/// Maps the <c>data</c> elements of an Accurate envelope to record updates. <c>ITEM_QUANTITY</c> elements carry
/// quantities; every other type carries ids only, named after the type: <c>SALES_INVOICE</c> sends
/// <c>salesInvoiceId</c> and <c>salesInvoiceNo</c>, <c>ITEM</c> sends <c>itemId</c> and <c>itemNo</c>.
/// </summary>
internal static class AccurateRecordMapping
{
    public const string ItemQuantityType = "ITEM_QUANTITY";

    public static InventoryLevelUpdate ToInventoryLevel(
        JsonElement element,
        string path,
        long databaseId,
        DateTimeOffset asOf,
        string eventId
    )
    {
        var quantity = PayloadFields.ReadDecimal(element, "quantity", path + ".quantity");
        return new InventoryLevelUpdate
        {
            DatabaseId = databaseId,
            ItemId = PayloadFields.Required(
                PayloadFields.ReadInt64(element, "itemId", path + ".itemId"),
                path + ".itemId"
            ),
            WarehouseId = PayloadFields.Required(
                PayloadFields.ReadInt64(element, "warehouseId", path + ".warehouseId"),
                path + ".warehouseId"
            ),
            ItemNumber = PayloadFields.Optional(
                PayloadFields.ReadString(element, "itemNo", path + ".itemNo"),
                InventoryLimits.ItemNumberMaxLength,
                path + ".itemNo"
            ),
            WarehouseName = PayloadFields.Optional(
                PayloadFields.ReadString(element, "warehouseName", path + ".warehouseName"),
                InventoryLimits.WarehouseNameMaxLength,
                path + ".warehouseName"
            ),
            Quantity = PayloadFields.Required(
                PayloadFields.Quantity(
                    quantity,
                    InventoryLimits.QuantityPrecision,
                    InventoryLimits.QuantityScale,
                    path + ".quantity"
                ),
                path + ".quantity"
            ),
            AsOf = asOf,
            EventId = eventId,
        };
    }

    /// <summary>
    /// Maps an id-only element. The record id is the <c>{type}Id</c> property, else <c>id</c>; an element with
    /// neither makes the event invalid.
    /// </summary>
    public static RefreshRequestUpdate ToRefreshRequest(
        JsonElement element,
        string path,
        string recordType,
        long databaseId,
        DateTimeOffset requestedAt,
        string eventId
    )
    {
        var prefix = ToCamelCase(recordType);
        var idProperty = prefix + "Id";
        var numberProperty = prefix + "No";

        var recordId = PayloadFields.ReadInt64(element, idProperty, $"{path}.{idProperty}")
            ?? PayloadFields.ReadInt64(element, "id", path + ".id")
            ?? throw PayloadFields.Invalid(path, $"has neither {idProperty} nor id");

        return new RefreshRequestUpdate
        {
            DatabaseId = databaseId,
            RecordType = recordType,
            RecordId = recordId,
            RecordNumber = PayloadFields.Optional(
                PayloadFields.ReadString(element, numberProperty, $"{path}.{numberProperty}"),
                RefreshRequestLimits.RecordNumberMaxLength,
                $"{path}.{numberProperty}"
            ),
            Action = PayloadFields.Optional(
                PayloadFields.ReadString(element, "action", path + ".action"),
                RefreshRequestLimits.ActionMaxLength,
                path + ".action"
            ),
            RequestedAt = requestedAt,
            EventId = eventId,
        };
    }

    /// <summary>Turns a type such as <c>SALES_INVOICE</c> into the property prefix <c>salesInvoice</c>.</summary>
    public static string ToCamelCase(string recordType)
    {
        var words = recordType.Split('_', StringSplitOptions.RemoveEmptyEntries);
        var builder = new StringBuilder(recordType.Length);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i].ToLowerInvariant();
            builder.Append(i == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..]);
        }

        return builder.ToString();
    }

    public static string ElementPath(int index) => string.Create(CultureInfo.InvariantCulture, $"data[{index}]");
}
