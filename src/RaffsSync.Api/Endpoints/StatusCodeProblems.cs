namespace RaffsSync.Api.Endpoints;

/// <summary>
/// Problem details for error responses that would otherwise have no body, such as a path no route matches.
/// </summary>
internal static class StatusCodeProblems
{
    public static Task WriteAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var (reason, detail) = status switch
        {
            404 => ("not_found", "No such provider or path."),
            405 => ("method_not_allowed", "This path does not accept this method."),
            _ => ("error", (string?)null),
        };
        return WebhookResponses.Problem(context, status, reason, detail).ExecuteAsync(context);
    }
}
