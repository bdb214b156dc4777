using DihNode.Node.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;

namespace DihNode.Node.OData;

/// <summary>
/// A write refused because another process holds the registry's lock (<see cref="DatabaseBusy"/>) is a
/// 503 with <c>Retry-After</c> (RFC 9110 §15.6.4, §10.2.3) in the OData error format, code
/// <c>DatabaseLocked</c>: the node is fine and the same request will succeed once the lock goes, so it
/// is never a 500.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class DatabaseLockedAttribute : ExceptionFilterAttribute
{
    public override void OnException(ExceptionContext context)
    {
        if (!DatabaseBusy.Is(context.Exception)) return;
        context.HttpContext.Response.Headers.RetryAfter = DatabaseBusy.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Result = ODataErrors.Answer(StatusCodes.Status503ServiceUnavailable, "DatabaseLocked", DatabaseBusy.Message(context.Exception));
        context.ExceptionHandled = true;
    }
}
