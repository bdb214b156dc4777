using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DihNode.Node.LinkedData;

/// <summary>
/// The node's linked data: every IRI it mints under its base IRI is dereferenceable at the path that
/// follows the base (hubs, concepts, schemes, sources), with HTML and the RDF syntaxes by content
/// negotiation or extension; the full dumps; and the DCAT catalogue. GET and HEAD only.
/// </summary>
public static class LinkedDataEndpoints
{
    private static readonly string[] s_methods = [HttpMethods.Get, HttpMethods.Head];

    public static void Map(IEndpointRouteBuilder app)
    {
        var store = app.ServiceProvider.GetRequiredService<NodeStore>();
        // A catalogue builder registered as a service replaces the default list of sources.
        var catalog = app.ServiceProvider.GetService<ICatalogSource>() ?? new DcatCatalog(store, app.ServiceProvider.GetRequiredService<NodeOptions>());
        var options = app.ServiceProvider.GetRequiredService<NodeOptions>();
        app.MapMethods("/hub/{**id}", s_methods, (HttpContext context) => HubEndpoint.HandleAsync(context, store));
        app.MapMethods("/concept/{**id}", s_methods, (HttpContext context) => ReferenceEndpoint.HandleAsync(context, store, ReferenceKind.Concept));
        app.MapMethods("/scheme/{**id}", s_methods, (HttpContext context) => ReferenceEndpoint.HandleAsync(context, store, ReferenceKind.Scheme));
        app.MapMethods("/source/{**id}", s_methods, (HttpContext context) => ReferenceEndpoint.HandleAsync(context, store, ReferenceKind.Source));
        app.MapMethods("/dump/{file}", s_methods, (HttpContext context, string file) => DumpEndpoint.HandleAsync(context, store, file));
        app.MapMethods("/catalog", s_methods, (HttpContext context) => CatalogEndpoint.HandleAsync(context, catalog, options, null));
        app.MapMethods("/catalog.{extension}", s_methods, (HttpContext context, string extension) => CatalogEndpoint.HandleAsync(context, catalog, options, extension));
    }
}
