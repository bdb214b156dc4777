using System.Diagnostics.CodeAnalysis;

namespace DihNode.Rdf.Io.JsonLd;

/// <summary>
/// A JSON-LD processing error (https://www.w3.org/TR/json-ld11-api/#jsonldprocessor, JsonLdError):
/// <see cref="Code"/> is the spec's error code; the message reads "code: detail".
/// </summary>
public sealed class JsonLdException : Exception
{
    public JsonLdException(JsonLdErrorCode code, string? detail = null, Exception? inner = null)
        : base(detail is null ? code.Text() : code.Text() + ": " + detail, inner)
    {
        Code = code;
        Detail = detail;
    }

    /// <summary>The key of <see cref="Exception.Data"/> holding the JSON node being processed when the error happened.</summary>
    internal const string NodeKey = "JsonLd.Node";

    public JsonLdErrorCode Code { get; }

    /// <summary>The spec's string for <see cref="Code"/>, e.g. "invalid term definition".</summary>
    public string CodeText => Code.Text();

    public string? Detail { get; }

    [DoesNotReturn]
    internal static void Throw(JsonLdErrorCode code, string? detail = null) => throw new JsonLdException(code, detail);
}
