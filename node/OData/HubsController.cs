using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.OData;

/// <summary>
/// The <c>Hubs</c> entity set: queries run on the registry as SQL (<see cref="EnableQueryAttribute"/> over
/// an EF Core <see cref="IQueryable{T}"/>); writes (in <c>HubsController.Writes.cs</c>) go through
/// <see cref="HubRegistry"/>, so the RDF projection follows them.
/// </summary>
[DatabaseLocked]
public sealed partial class HubsController(RegistryDbContext context, NodeStore store, WriteAccess access) : ODataController
{
    [RegistryQuery]
    public IQueryable<Hub> Get()
    {
        HubsDelta.OnQuery(HttpContext, store);
        return context.Hubs.AsNoTracking();
    }

    [RegistryQuery]
    public ActionResult<SingleResult<Hub>> Get(int key)
    {
        long? version = context.Hubs.Where(h => h.Id == key).Select(h => (long?)h.Version).FirstOrDefault();
        if (version is null) return ODataErrors.NotFound(key);
        Response.Headers.ETag = HubETagHandler.For(version.Value).ToString();
        return SingleResult.Create(context.Hubs.AsNoTracking().Where(h => h.Id == key));
    }

    [RegistryQuery]
    public SingleResult<Concept> GetTypeFromHub(int key) =>
        SingleResult.Create(context.Hubs.AsNoTracking().Where(h => h.Id == key).Select(h => h.Type!));

    [RegistryQuery]
    public SingleResult<Country> GetCountryFromHub(int key) =>
        SingleResult.Create(context.Hubs.AsNoTracking().Where(h => h.Id == key).Select(h => h.Country!));

    [RegistryQuery]
    public IQueryable<Involvement> GetInvolvementsFromHub(int key) =>
        context.Involvements.AsNoTracking().Where(i => i.HubId == key);
}
