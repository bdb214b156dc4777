using System.Text;
using Microsoft.AspNetCore.Http;

namespace DihNode.Node.Sparql;

/// <summary>
/// Error answers of the SPARQL and Graph Store endpoints: plain text, one readable sentence (a syntax
/// error keeps the parser's "line L, column C: ..." message), never a stack trace.
/// </summary>
internal static class ProtocolErrors
{
    public static IResult Text(int status, string message) =>
        Results.Text(message.EndsWith('\n') ? message : message + "\n", "text/plain; charset=utf-8", Encoding.UTF8, status);

    public static IResult BadRequest(string message) => Text(StatusCodes.Status400BadRequest, message);

    public static IResult Forbidden(string message) => Text(StatusCodes.Status403Forbidden, message);

    public static IResult NotAcceptable(string what, IEnumerable<string> offered) =>
        Text(StatusCodes.Status406NotAcceptable, $"none of the Accept header's media types can carry {what}; offered: {string.Join(", ", offered)}");

    public static IResult UnsupportedMediaType(string message) => Text(StatusCodes.Status415UnsupportedMediaType, message);

    public static IResult TooLarge(long max) =>
        Text(StatusCodes.Status413PayloadTooLarge, $"the request body is larger than this node accepts ({max} bytes)");

    public static IResult MethodNotAllowed(HttpContext context, string allow, string message)
    {
        context.Response.Headers.Allow = allow;
        return Text(StatusCodes.Status405MethodNotAllowed, message);
    }

    /// <summary>
    /// Another process holds the database's write lock (<see cref="Registry.DatabaseBusy"/>): nothing was
    /// written; the same request succeeds once the lock goes.
    /// </summary>
    public static IResult Locked(HttpContext context, Exception error)
    {
        context.Response.Headers.RetryAfter = Registry.DatabaseBusy.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Text(StatusCodes.Status503ServiceUnavailable, Registry.DatabaseBusy.Message(error));
    }

    /// <summary>All query slots are taken: the request never ran; the client should come back shortly.</summary>
    public static IResult Busy(HttpContext context, int slots)
    {
        context.Response.Headers.RetryAfter = "1";
        return Text(StatusCodes.Status503ServiceUnavailable, $"all {slots} query slots of this node are busy; retry in a moment");
    }
}
