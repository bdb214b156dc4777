using DihNode.Node.Registry;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace DihNode.Node.OData;

/// <summary>
/// The OData entity data model of <c>/odata</c> (OData v4 CSDL, served at <c>/odata/$metadata</c>): the
/// registry's tables as entity sets <c>Hubs</c>, <c>Countries</c>, <c>Concepts</c> and <c>Involvements</c>
/// (key: HubId and ConceptId), with the navigation Hub → Type, Country, Involvements and Involvement →
/// Hub, Concept. <see cref="Hub.ExtraTriples"/> is not part of it; <see cref="Hub.Version"/> is the
/// concurrency token, so every hub carries it as its ETag.
/// </summary>
internal static class RegistryEdmModel
{
    public const string Namespace = "DihNode";

    /// <summary>The model <c>/odata</c> serves (built once).</summary>
    public static IEdmModel Model { get; } = Build();

    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "Registry" };
        var hubs = builder.EntitySet<Hub>("Hubs");
        hubs.EntityType.HasKey(h => h.Id);
        hubs.EntityType.Ignore(h => h.ExtraTriples);
        hubs.EntityType.Property(h => h.Version).IsConcurrencyToken();
        hubs.EntityType.HasRequired(h => h.Type, (h, c) => h.TypeId == c!.Id);
        hubs.EntityType.HasRequired(h => h.Country);
        hubs.EntityType.HasMany(h => h.Involvements);

        var countries = builder.EntitySet<Country>("Countries");
        countries.EntityType.HasKey(c => c.Code);
        var concepts = builder.EntitySet<Concept>("Concepts");
        concepts.EntityType.HasKey(c => c.Id);

        // Server-driven paging as model-bound settings of the types that are only ever expanded as single
        // entities: a page size on the query would also cut expanded collections (Take inside the
        // projection), which SQLite cannot run once the expansion nests further (it needs SQL APPLY).
        // Involvements are paged by their controller instead.
        hubs.EntityType.Page(ODataLimits.MaxTop, ODataLimits.PageSize);
        countries.EntityType.Page(ODataLimits.MaxTop, ODataLimits.PageSize);
        concepts.EntityType.Page(ODataLimits.MaxTop, ODataLimits.PageSize);

        var involvements = builder.EntitySet<Involvement>("Involvements");
        involvements.EntityType.HasKey(i => new { i.HubId, i.ConceptId });
        involvements.EntityType.HasRequired(i => i.Hub);
        involvements.EntityType.HasRequired(i => i.Concept);

        hubs.HasRequiredBinding(h => h.Type, "Concepts");
        hubs.HasRequiredBinding(h => h.Country, "Countries");
        hubs.HasManyBinding(h => h.Involvements, "Involvements");
        involvements.HasRequiredBinding(i => i.Hub, "Hubs");
        involvements.HasRequiredBinding(i => i.Concept, "Concepts");
        return builder.GetEdmModel();
    }
}
