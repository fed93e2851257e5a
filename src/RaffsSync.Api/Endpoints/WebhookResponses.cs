using System.Diagnostics;
using System.Text.Json.Serialization;
using RaffsSync.Application.Webhooks;

namespace RaffsSync.Api.Endpoints;

/// <summary>
/// Turns pipeline results into responses: a small JSON body on success, RFC 9457 problem details otherwise.
/// Problem details carry fixed texts and reason codes only, never the payload, a header value or a signature.
/// </summary>
internal static class WebhookResponses
{
    public const string ProblemTypePrefix = "urn:raffssync:problem:";

    public static IResult FromResult(WebhookResult result, HttpContext context)
    {
        if (result.IsSuccess)
        {
            var success = new SuccessBody(
                result.Outcome,
                result.EventId,
                result.ReceiptId?.ToString("D"),
                result.Reason,
                result.EventCount > 1 ? result.EventCount : null
            );
            return TypedResults.Json(success, ApiJsonContext.Default.SuccessBody, statusCode: result.StatusCode);
        }

        var errors = result.Errors.Count > 0 ? result.Errors : null;
        return Problem(context, result.StatusCode, result.Reason ?? "rejected", result.Detail, errors);
    }

    public static IResult Problem(
        HttpContext context,
        int statusCode,
        string reason,
        string? detail,
        IReadOnlyList<FieldError>? errors = null
    )
    {
        var body = new ProblemBody(
            ProblemTypePrefix + reason,
            ReasonPhrases(statusCode),
            statusCode,
            detail,
            reason,
            TraceId(context),
            errors
        );
        return TypedResults.Json(body, ApiJsonContext.Default.ProblemBody, "application/problem+json", statusCode);
    }

    public static string TraceId(HttpContext context) =>
        Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    private static string ReasonPhrases(int statusCode) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(statusCode) is { Length: > 0 } phrase
            ? phrase
            : "Error";
}

internal sealed record SuccessBody(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("eventId")] string? EventId,
    [property: JsonPropertyName("receiptId")] string? ReceiptId,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("eventCount")] int? EventCount
);

internal sealed record ProblemBody(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("traceId")] string TraceId,
    [property: JsonPropertyName("errors")] IReadOnlyList<FieldError>? Errors
);

internal sealed record ProviderHealthBody(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("provider")] string Provider
);

internal sealed record StatusBody([property: JsonPropertyName("status")] string Status);

[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase
)]
[JsonSerializable(typeof(SuccessBody))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(ProviderHealthBody))]
[JsonSerializable(typeof(StatusBody))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
