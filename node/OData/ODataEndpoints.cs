using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OData;
using Microsoft.AspNetCore.OData.Abstracts;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.Extensions.DependencyInjection;

namespace DihNode.Node.OData;

/// <summary>
/// <c>/odata</c>: OData v4 over the registry (ASP.NET Core OData, conventional routing to the controllers
/// of this folder, the only controllers of the node). Query options run as SQL on SQLite; <c>$search</c>
/// through <see cref="RegistrySearchBinder"/>; ETags through <see cref="HubETagHandler"/>.
/// </summary>
internal static class ODataEndpoints
{
    public const string Prefix = "odata";

    public static void AddNodeOData(this IServiceCollection services) =>
        services.AddControllers()
            .AddApplicationPart(typeof(ODataEndpoints).Assembly)
            .AddApplicationPart(typeof(Microsoft.AspNetCore.OData.Routing.Controllers.MetadataController).Assembly)
            .AddOData(o => o
                .EnableQueryFeatures(ODataLimits.MaxTop)
                .AddRouteComponents(Prefix, RegistryEdmModel.Model, route => route
                    .AddSingleton<ISearchBinder, RegistrySearchBinder>()
                    .AddSingleton<IFilterBinder, RegistryFilterBinder>()
                    .AddSingleton<IETagHandler, HubETagHandler>()
                    .AddSingleton<Microsoft.AspNetCore.OData.Formatter.Serialization.ODataResourceSetSerializer, DeltaLinkSerializer>()));

    public static void MapNodeOData(this WebApplication app)
    {
        ODataQueryLimits.Map(app); // before the delta links: they are queries too
        HubsDelta.Map(app);
        app.MapControllers();
    }
}
