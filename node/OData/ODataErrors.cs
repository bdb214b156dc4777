using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OData;

namespace DihNode.Node.OData;

/// <summary>
/// Error answers of <c>/odata</c> in the OData JSON error format (OData JSON Format v4.01, §21):
/// <c>{"error": {"code", "message", "target", "details"}}</c>, never with a stack trace.
/// </summary>
internal static class ODataErrors
{
    public static ObjectResult Answer(int status, string code, string message, string? target = null, IEnumerable<ODataErrorDetail>? details = null) =>
        new(new ODataError { Code = code, Message = message, Target = target, Details = details?.ToList() }) { StatusCode = status };

    /// <summary>400 naming every refused property: the first as the error's target, each in the details.</summary>
    public static ObjectResult Invalid(IReadOnlyList<HubFieldProblem> problems) =>
        Answer(StatusCodes.Status400BadRequest, "InvalidValue", string.Join("; ", problems), problems[0].Field,
            problems.Select(p => new ODataErrorDetail { Code = "InvalidValue", Message = p.Reason, Target = p.Field }));

    /// <summary>400 for a body the OData reader refused (an unknown property, a value of the wrong type).</summary>
    public static ObjectResult BadBody(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state)
    {
        var problems = state.Where(e => e.Value is { Errors.Count: > 0 })
            .SelectMany(e => e.Value!.Errors.Select(x => new HubFieldProblem(e.Key.Length == 0 ? "body" : e.Key,
                x.Exception?.Message ?? (x.ErrorMessage.Length > 0 ? x.ErrorMessage : "not readable"))))
            .ToList();
        if (problems.Count == 0) problems.Add(new HubFieldProblem("body", "missing or unreadable request body (an OData JSON hub is expected)"));
        return Invalid(problems);
    }

    public static ObjectResult NotFound(int key) =>
        Answer(StatusCodes.Status404NotFound, "NotFound", $"no hub with Id {key}", "Id");

    public static ObjectResult Stale(long expected, long actual) =>
        Answer(StatusCodes.Status412PreconditionFailed, "PreconditionFailed",
            $"If-Match W/\"{expected}\" is stale: the hub is at W/\"{actual}\" (it changed since it was read); nothing was written");

    /// <summary>
    /// Writes the error straight to the response, for answers made outside MVC (middleware, delta links)
    /// before anything was sent.
    /// </summary>
    public static async Task WriteAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new System.Text.Json.Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("code", code);
        json.WriteString("message", message);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
