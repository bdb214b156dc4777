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
