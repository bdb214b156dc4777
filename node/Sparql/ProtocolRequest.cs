using System.Text;
using DihNode.Rdf.Io.Conneg;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace DihNode.Node.Sparql;

/// <summary>
/// The parameters of one SPARQL Protocol operation (https://www.w3.org/TR/sparql11-protocol/ §2.1 query,
/// §2.2 update): the operation text, from the URL (GET), a URL-encoded form body, or a direct body of
/// the operation's own media type; and the other parameters (dataset IRIs, format, timeout) from the
/// URL and, for a form, the body.
/// </summary>
internal sealed class ProtocolRequest
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Dictionary<string, StringValues> _parameters;

    private ProtocolRequest(string? text, Dictionary<string, StringValues> parameters)
    {
        Text = text;
        _parameters = parameters;
    }

    /// <summary>The query or update text; null when the request carries none (GET /sparql: the service description).</summary>
    public string? Text { get; }

    public IReadOnlyList<string> All(string name) =>
        _parameters.TryGetValue(name, out var values) ? [.. values.Where(v => v is not null).Select(v => v!)] : [];

    public string? Single(string name) => All(name) is [var one] ? one : null;

    public bool Has(string name) => _parameters.ContainsKey(name);

    /// <summary>
    /// Reads the request. <paramref name="operation"/> is "query" or "update", <paramref name="directType"/>
    /// its media type for a direct POST (application/sparql-query, application/sparql-update). The
    /// error is the answer to give instead: 405 (another method), 413 (body too large, before it is
    /// read), 415 (another media type, or a charset other than UTF-8), 400 (the operation given twice,
    /// or the body is not UTF-8).
    /// </summary>
    public static async Task<(ProtocolRequest? Request, IResult? Error)> ReadAsync(
        HttpContext context, string operation, string directType, bool allowGet, long maxBodyBytes)
    {
        HttpRequest request = context.Request;
        var parameters = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query) parameters[key] = value;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            if (!allowGet)
                return (null, ProtocolErrors.MethodNotAllowed(context, "POST", $"a SPARQL {operation} must be sent with POST (SPARQL 1.1 Protocol §2.2)"));
            return OneText(parameters, operation, fromBody: null);
        }
        if (!HttpMethods.IsPost(request.Method))
            return (null, ProtocolErrors.MethodNotAllowed(context, allowGet ? "GET, POST" : "POST", $"a SPARQL {operation} uses {(allowGet ? "GET or POST" : "POST")}, not {request.Method}"));
        if (request.ContentLength > maxBodyBytes) return (null, ProtocolErrors.TooLarge(maxBodyBytes));
        if (request.ContentType is not { } contentType || !MediaType.TryParse(contentType, out MediaType? media) || media is null)
            return (null, ProtocolErrors.UnsupportedMediaType($"a POSTed {operation} needs Content-Type application/x-www-form-urlencoded or {directType}"));
        if (media.Parameter("charset") is { } charset && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            return (null, ProtocolErrors.UnsupportedMediaType($"the {operation} must be UTF-8 (charset={charset} given)"));
        string body;
        try
        {
            using var reader = new StreamReader(request.Body, s_strictUtf8, detectEncodingFromByteOrderMarks: false);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }
        catch (DecoderFallbackException)
        {
            return (null, ProtocolErrors.BadRequest($"the request body is not valid UTF-8"));
        }
        if (media.Essence == "application/x-www-form-urlencoded")
        {
            foreach (var (key, value) in QueryHelpers.ParseQuery(body))
                parameters[key] = parameters.TryGetValue(key, out var before) ? StringValues.Concat(before, value) : value;
            return OneText(parameters, operation, fromBody: null);
        }
        if (media.Essence == directType)
        {
            if (parameters.ContainsKey(operation))
                return (null, ProtocolErrors.BadRequest($"the {operation} is in the body ({directType}); the URL must not carry a '{operation}' parameter too"));
            return OneText(parameters, operation, fromBody: body);
        }
        return (null, ProtocolErrors.UnsupportedMediaType($"a POSTed {operation} needs Content-Type application/x-www-form-urlencoded or {directType}, not {media.Essence}"));
    }

    private static (ProtocolRequest?, IResult?) OneText(Dictionary<string, StringValues> parameters, string operation, string? fromBody)
    {
        if (fromBody is not null) return (new ProtocolRequest(fromBody, parameters), null);
        if (!parameters.TryGetValue(operation, out var values)) return (new ProtocolRequest(null, parameters), null);
        if (values.Count != 1)
            return (null, ProtocolErrors.BadRequest($"exactly one '{operation}' parameter is allowed; {values.Count} were given"));
        return (new ProtocolRequest(values[0] ?? "", parameters), null);
    }
}
