using System.Globalization;
using Microsoft.AspNetCore.Http;
using DihNode.Node.Hosting;
using DihNode.Rdf.Model;

namespace DihNode.Node.LinkedData;

/// <summary>
/// <c>GET /catalog</c> (and <c>/catalog.ttl</c> …): the DCAT-AP catalogue from the <see cref="ICatalogSource"/>,
/// in the RDF syntax Accept asks for (Turtle without a preference; no HTML). <c>?page=N</c> selects a
/// page (from 1); a page that is not a positive integer is 400, one past the end 404. Neighbouring
/// pages are announced in <c>Link</c> headers.
/// </summary>
internal static class CatalogEndpoint
{
    public static async Task HandleAsync(HttpContext context, ICatalogSource source, NodeOptions options, string? extension)
    {
        Representation? representation;
        bool negotiated = extension is null;
        if (extension is null) representation = Representation.Negotiate(context.Request.Headers.Accept.ToString(), html: false);
        else if (Representation.FromPath("/catalog." + extension) is ({ Rdf: not null } named, _)) representation = named;
        else
        {
            await LinkedDataResponse.NotFoundAsync(context, $"The catalogue has no .{extension} representation.");
            return;
        }
        if (representation is not { Rdf: { } format } chosen)
        {
            await LinkedDataResponse.NotAcceptableAsync(context);
            return;
        }
        int page = 1;
        string? pageText = context.Request.Query["page"];
        if (pageText is not null && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            await LinkedDataResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "Bad request", $"page: '{pageText}' is not a page number (1, 2, …).");
            return;
        }
        string publicUrl = (options.PublicUrl ?? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}").TrimEnd('/');
        if (source.GetPage(page, publicUrl) is not { } result)
        {
            await LinkedDataResponse.NotFoundAsync(context, $"The catalogue has no page {page}.");
            return;
        }
        var links = new List<string>();
        string self = context.Request.Path.Value ?? "/catalog";
        if (result.Next is int next) links.Add($"<{self}?page={next}>; rel=\"next\"");
        if (result.Previous is int previous) links.Add($"<{self}?page={previous}>; rel=\"prev\"");
        if (result.LastPage > 1) links.Add($"<{self}?page={result.LastPage}>; rel=\"last\"");
        if (links.Count > 0) context.Response.Headers.Link = string.Join(", ", links);
        byte[] body = RdfDocument.Write(result.Triples.Select(t => new Quad(t, null)).ToList(), format);
        await LinkedDataResponse.SendAsync(context, body, chosen.ContentType, null, negotiated);
    }
}
