using DihNode.Node.Registry;
using DihNode.Node.Web.Queries;
using DihNode.Node.Web.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DihNode.Node.Web;

/// <summary>
/// The web UI: the home page (<c>/</c>), search and filter (<c>/search</c>, with the selection as CSV,
/// JSON-LD or Turtle at <c>/search.{csv|jsonld|ttl}</c>), the SPARQL query page (<c>/query</c>) and
/// the stylesheet and script they share (<c>/web/{file}</c>). Hub, concept and scheme pages belong to
/// the linked data (<c>HubPage</c>). Pages are rendered on the server; the script only adds line
/// numbers to the editor and submits a filter as soon as it changes.
/// </summary>
public static class WebEndpoints
{
    private static readonly string[] s_methods = [HttpMethods.Get, HttpMethods.Head];

    public static void Map(IEndpointRouteBuilder app)
    {
        var store = app.ServiceProvider.GetRequiredService<NodeStore>();
        var catalogs = new FacetCatalogCache(store);
        app.MapMethods("/", s_methods, (HttpContext context) => HomePage.HandleAsync(context, store));
        app.MapMethods("/search", s_methods, (HttpContext context) => SearchPage.HandleAsync(context, store, catalogs));
        app.MapMethods("/search.{extension}", s_methods, (HttpContext context, string extension) => SearchExport.HandleAsync(context, store, catalogs, extension));
        app.MapMethods("/query", s_methods, (HttpContext context) => QueryPage.HandleAsync(context, store));
        app.MapMethods("/web/{file}", s_methods, (HttpContext context, string file) => StaticAssets.HandleAsync(context, file));
    }
}
