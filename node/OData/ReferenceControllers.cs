using DihNode.Node.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.OData;

/// <summary>The <c>Countries</c> entity set (read-only: the EU country authority table an import brought).</summary>
public sealed class CountriesController(RegistryDbContext context) : ODataController
{
    [RegistryQuery]
    public IQueryable<Country> Get() => context.Countries.AsNoTracking();

    [RegistryQuery]
    public SingleResult<Country> Get(string key) => SingleResult.Create(context.Countries.AsNoTracking().Where(c => c.Code == key));
}

/// <summary>
/// The <c>Concepts</c> entity set (read-only): hub types, sectors, services, technologies and legacy
/// sectors; <c>Scheme</c> says which (<c>$filter=Scheme eq 'technology'</c>).
/// </summary>
public sealed class ConceptsController(RegistryDbContext context) : ODataController
{
    [RegistryQuery]
    public IQueryable<Concept> Get() => context.Concepts.AsNoTracking();

    [RegistryQuery]
    public SingleResult<Concept> Get(int key) => SingleResult.Create(context.Concepts.AsNoTracking().Where(c => c.Id == key));
}

/// <summary>
/// The <c>Involvements</c> entity set (read-only; written as part of a hub): a hub's topic with its level,
/// keyed by <c>HubId</c> and <c>ConceptId</c> (<c>/odata/Involvements(HubId=1,ConceptId=7)</c>). Aggregate
/// here rather than over <c>Hubs/Involvements</c>: SQLite cannot run an aggregation over a navigation collection.
/// </summary>
public sealed class InvolvementsController(RegistryDbContext context) : ODataController
{
    [RegistryQuery(PageSize = ODataLimits.PageSize)]
    public IQueryable<Involvement> Get() => context.Involvements.AsNoTracking();

    [RegistryQuery]
    [HttpGet("odata/Involvements(HubId={keyHubId},ConceptId={keyConceptId})")]
    [HttpGet("odata/Involvements(ConceptId={keyConceptId},HubId={keyHubId})")]
    public SingleResult<Involvement> Get(int keyHubId, int keyConceptId) =>
        SingleResult.Create(context.Involvements.AsNoTracking().Where(i => i.HubId == keyHubId && i.ConceptId == keyConceptId));
}
