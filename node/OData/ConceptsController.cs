using DihNode.Node.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.OData;

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
