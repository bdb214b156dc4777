using DihNode.Node.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.OData;

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
