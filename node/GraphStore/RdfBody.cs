using DihNode.Rdf.Io;
using DihNode.Rdf.Io.Conneg;
using DihNode.Rdf.Model;
using DihNode.Node.Sparql;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DihNode.Node.GraphStore;

/// <summary>
/// Reads the RDF payload of a Graph Store PUT or POST: the syntax from Content-Type (415 when unknown
/// or not UTF-8), or each part of a multipart/form-data body in its own syntax (§5.5); parsed in full
/// before anything is written (400 with line and column when malformed). The payload is one graph: a
/// TriG, N-Quads or JSON-LD body that names graphs is refused.
/// </summary>
internal static class RdfBody
{
    public static async Task<(List<Triple>? Triples, IResult? Error)> ReadAsync(HttpContext context, string baseIri, long maxBodyBytes)
    {
        HttpRequest request = context.Request;
        if (request.ContentLength > maxBodyBytes) return (null, ProtocolErrors.TooLarge(maxBodyBytes));
        if (request.ContentType is not { } contentType || !Rdf.Io.Conneg.MediaType.TryParse(contentType, out var media) || media is null)
            return (null, ProtocolErrors.UnsupportedMediaType("the body needs a Content-Type naming an RDF syntax (text/turtle, application/n-triples, application/rdf+xml, application/ld+json, ...)"));
        var triples = new List<Triple>();
        if (media.Essence == "multipart/form-data")
        {
            string? boundary = HeaderUtilities.RemoveQuotes(media.Parameter("boundary") ?? "").Value;
            if (string.IsNullOrEmpty(boundary)) return (null, ProtocolErrors.BadRequest("multipart/form-data without a boundary"));
            var reader = new MultipartReader(boundary, request.Body);
            int part = 0;
            while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
            {
                part++;
                using var buffer = new MemoryStream();
                await section.Body.CopyToAsync(buffer, context.RequestAborted);
                if (Parse(section.ContentType, buffer, baseIri, triples, $"part {part}: ") is { } error) return (null, error);
            }
            return (triples, null);
        }
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            if (Parse(contentType, buffer, baseIri, triples, "") is { } error) return (null, error);
        }
        return (triples, null);
    }

    private static IResult? Parse(string? contentType, MemoryStream body, string baseIri, List<Triple> triples, string where)
    {
        if (contentType is null || !Rdf.Io.Conneg.MediaType.TryParse(contentType, out MediaType? media) || media is null
            || RdfFormats.FromMediaType(contentType) is not RdfFormat format)
            return ProtocolErrors.UnsupportedMediaType($"{where}'{contentType}' is not an RDF syntax this node reads (text/turtle, application/n-triples, application/rdf+xml, application/ld+json, application/trig, application/n-quads)");
        if (media.Parameter("charset") is { } charset && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            return ProtocolErrors.UnsupportedMediaType($"{where}RDF must be UTF-8 (charset={charset} given)");
        var sink = new TripleSink(triples);
        try
        {
            RdfParser.Parse(body.GetBuffer().AsMemory(0, (int)body.Length), format, sink, new RdfParserOptions { BaseIri = baseIri });
        }
        catch (RdfSyntaxException e)
        {
            return ProtocolErrors.BadRequest($"{where}{format} syntax error: {e.Message}; nothing was changed");
        }
        if (sink.NamedGraph is { } g) return ProtocolErrors.BadRequest($"{where}the body names graph {g}; the Graph Store Protocol sends one graph, so send triples only; nothing was changed");
        return null;
    }

    private sealed class TripleSink(List<Triple> triples) : IQuadSink
    {
        public NamedOrBlankNode? NamedGraph { get; private set; }

        public void Add(in Quad quad)
        {
            if (quad.Graph is not null) NamedGraph ??= quad.Graph;
            else triples.Add(quad.Triple);
        }
    }
}
